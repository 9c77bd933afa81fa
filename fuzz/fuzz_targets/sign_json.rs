#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    undersigned::fuzzing::sign_json(data);
});
