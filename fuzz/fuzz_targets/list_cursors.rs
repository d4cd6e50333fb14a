#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hubspot_fuzz::list_cursors(data));
