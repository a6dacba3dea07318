//! The content loader on arbitrary file texts: errors, never a panic.
#![no_main]

use kelasbot::content::ContentFiles;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|parts: (&str, &str, &str, &str)| {
    let files = ContentFiles {
        sources: parts.0,
        faq: parts.1,
        facts: parts.2,
        quiz: parts.3,
    };
    let _ = kelasbot::content::parse(&files);
});
