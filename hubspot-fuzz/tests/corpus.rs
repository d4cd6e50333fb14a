//! Replays the checked-in corpus (`corpus/<target>/*`: seeds, and every input a fuzz run
//! found failing) through each target on stable.

use std::path::Path;

#[test]
fn every_corpus_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut replayed = 0;
    for (name, target) in hubspot_fuzz::TARGETS {
        let dir = root.join(name);
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "{name} has no corpus");
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            eprintln!("{name}: {}", input.display());
            target(&data);
            replayed += 1;
        }
    }
    assert!(replayed >= hubspot_fuzz::TARGETS.len());
}
