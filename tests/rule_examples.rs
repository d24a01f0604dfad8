//! Every bundled rule carries examples it must flag and examples it must pass; a rule whose
//! examples fail, or that has none, cannot land.

use copydesk::linter::{BUNDLED, bundled};

#[test]
fn every_bundled_rule_has_working_examples() {
    let mut problems = Vec::new();
    for (name, _) in BUNDLED {
        let set = bundled(name)
            .expect("listed set exists")
            .unwrap_or_else(|e| panic!("bundled set {name} does not load: {:?}", e.problems));
        assert!(!set.rules.is_empty(), "set {name} has no rules");
        for rule in &set.rules {
            if rule.examples.flag.is_empty() || rule.examples.pass.is_empty() {
                problems.push(format!(
                    "{}: needs at least one flag and one pass example",
                    rule.id
                ));
            }
            for f in rule.example_failures() {
                problems.push(format!("{}: {:?}", f.message(), f.example.text));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "rule examples fail:\n{}",
        problems.join("\n")
    );
}

/// The bundled sets compile their regexes on first use, not at load: every one must compile,
/// and pass the checks a user's rule file gets at load, here.
#[test]
fn every_bundled_regex_compiles() {
    for (name, _) in BUNDLED {
        let set = bundled(name)
            .expect("listed set exists")
            .unwrap_or_else(|e| panic!("bundled set {name} does not load: {:?}", e.problems));
        for rule in &set.rules {
            for m in rule.matchers() {
                if let Err(e) = m.compile_all() {
                    panic!("{}: {e}", rule.id);
                }
            }
        }
    }
}
