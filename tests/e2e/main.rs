//! End to end: the real binary, the playground and the command line as people use them,
//! against a fake Bot API on 127.0.0.1. One test crate, so the tests (which mostly wait)
//! run side by side.

mod support;

mod backup;
mod cli;
mod daily_facts;
mod deploy;
mod hardening;
mod homework;
mod parity;
mod playground;
mod quiz;
mod reliability;
mod sets;
mod telegram;
