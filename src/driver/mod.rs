//! The driver: the one loop both adapters run the app through.

pub mod store;
