//! `copydesk lsp` end to end: the real binary driven over stdio with JSON-RPC framing, as an
//! editor drives it. Every wait for the server has a deadline, so a server that hangs fails the
//! test instead of hanging it; the deadline is generous and asserts nothing about speed.

mod common;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use common::Sandbox;
use serde_json::{Value, json};

/// How long to wait for one message, or for the process to exit, before failing.
const DEADLINE: Duration = Duration::from_secs(60);

/// A language client: the server process, and the messages it has sent not yet looked at.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `copydesk lsp` in `dir` and initialises it with `capabilities`; returns the
    /// client and the server's `initialize` result.
    fn start(dir: &std::path::Path, capabilities: Value) -> (Self, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start copydesk lsp");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
        };
        let root = uri(dir);
        let mut params = json!({"processId": null, "rootUri": root});
        params["capabilities"] = capabilities;
        let result = client.request("initialize", params);
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .expect("write to the server");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({"jsonrpc": "2.0", "method": method});
        message["params"] = params;
        self.send(&message);
    }

    /// Sends a request and returns its result, keeping what else arrives meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        message["params"] = params;
        self.send(&message);
        let response = self.expect(&format!("the response to {method}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        });
        assert_eq!(response.get("error"), None, "{method} failed: {response}");
        response["result"].clone()
    }

    /// The first message, in order of arrival, that `wanted` accepts.
    fn expect(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i).expect("a pending message");
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.pending.push_back(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} from the server; it sent {:#?}", self.pending)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed stdout before {what}; it sent {:#?}",
                        self.pending
                    )
                }
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.expect(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    /// Shuts the server down as an editor does and returns its exit status.
    fn shutdown(mut self) -> std::process::ExitStatus {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one `Content-Length`-framed message; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of a path in a sandbox (whose names need no escaping).
fn uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// `(rule, line, character)` of each finding `copydesk check --format json` reports on `rel`
/// (0-based, as LSP counts; the texts here have no character outside the BMP, so characters
/// and UTF-16 units agree).
fn check_findings(sb: &Sandbox, rel: &str) -> Vec<(String, u64, u64)> {
    let run = sb.run(&["check", "--format", "json", rel]);
    let all: Value = serde_json::from_str(&run.stdout).expect("check prints JSON");
    all.as_array()
        .expect("an array")
        .iter()
        .filter(|d| d.get("suppression").is_none())
        .map(|d| {
            (
                d["rule"].as_str().expect("a rule").to_string(),
                d["line"].as_u64().expect("a line") - 1,
                d["column"].as_u64().expect("a column") - 1,
            )
        })
        .collect()
}

/// `(code, line, character)` of each published diagnostic.
fn published(params: &Value) -> Vec<(String, u64, u64)> {
    params["diagnostics"]
        .as_array()
        .expect("an array of diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("a code").to_string(),
                d["range"]["start"]["line"].as_u64().expect("a line"),
                d["range"]["start"]["character"]
                    .as_u64()
                    .expect("a character"),
            )
        })
        .collect()
}

#[test]
fn seed_article_diagnostics_changes_and_a_quick_fix() {
    let sb = Sandbox::new("lsp-seed");
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nato-article.txt"),
    )
    .expect("read the seed article");
    sb.write("nato-article.txt", &seed);
    let (mut client, init) = Client::start(
        &sb.dir,
        json!({"general": {"positionEncodings": ["utf-16"]}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 1);
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.copydesk"])
    );

    let doc = uri(&sb.dir.join("nato-article.txt"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "plaintext", "version": 1, "text": seed}}),
    );
    let opened = client.diagnostics(&doc);
    assert_eq!(opened["version"], 1);
    let expected = check_findings(&sb, "nato-article.txt");
    assert_eq!(
        expected.len(),
        27,
        "the seed article's findings, as the README gives them"
    );
    assert_eq!(published(&opened), expected);
    let first = &opened["diagnostics"][0];
    assert_eq!(first["source"], "copydesk");
    let related = first["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(
        related.last().expect("an explain pointer")["message"],
        format!(
            "`copydesk explain {}` says why the rule exists",
            expected[0].0
        )
    );

    let added = "Sources said the talks failed. The senator slammed the plan.\n";
    let changed = format!("{seed}{added}");
    sb.write("changed.txt", &changed);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let after = client.diagnostics(&doc);
    assert_eq!(after["version"], 2);
    let expected = check_findings(&sb, "changed.txt");
    assert_eq!(published(&after), expected);
    let last_line = 23;
    assert_eq!(
        expected[expected.len() - 2..],
        [
            ("anonymity.bare-source".to_string(), last_line, 0),
            ("framing.loaded-label".to_string(), last_line, 43),
        ]
    );

    let loaded = after["diagnostics"][expected.len() - 1].clone();
    let range = json!({"start": {"line": last_line, "character": 43},
                       "end": {"line": last_line, "character": 50}});
    assert_eq!(loaded["range"], range);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": range,
               "context": {"diagnostics": [loaded]}}),
    );
    // The bundled fix is unsafe: offered, but not as the preferred action, and there is no
    // fix-all action because there is nothing safe to apply.
    assert_eq!(
        actions,
        json!([{
            "title": "Replace “slammed” with “criticized”",
            "kind": "quickfix",
            "diagnostics": [loaded],
            "edit": {"changes": {doc.clone(): [{"range": range, "newText": "criticized"}]}},
        }])
    );

    assert!(client.shutdown().success());
}

#[test]
fn config_problems_are_shown_and_fixed_config_is_reloaded() {
    let sb = Sandbox::new("lsp-config");
    sb.write("copydesk.toml", "sets = [\"anonymity\", \"nope\"]\n");
    sb.write(
        "house.toml",
        "[[rule]]\nid = \"spelling\"\nkind = \"substitution\"\nmessage = \"house spelling\"\n\
         fix = \"safe\"\nswap = { \"per cent\" = \"percent\" }\n",
    );
    let text = "In Curaçao, a source said turnout rose 4 per cent.\n";
    sb.write("story.md", text);
    let (mut client, init) = Client::start(
        &sb.dir,
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");

    let doc = uri(&sb.dir.join("story.md"));
    let config = uri(&sb.dir.join("copydesk.toml"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let shown = client.expect("a message about the config", |m| {
        m["method"] == "window/showMessage"
    });
    assert_eq!(shown["params"]["type"], 1);
    assert_eq!(
        shown["params"]["message"],
        format!(
            "copydesk cannot check until this is fixed: 1 problem in rules or config; the first: \
             {}:1: unknown bundled rule set `nope`",
            sb.dir.join("copydesk.toml").display()
        )
    );
    let problems = client.diagnostics(&config);
    assert_eq!(
        problems["diagnostics"],
        json!([{
            "range": {"start": {"line": 0, "character": 21}, "end": {"line": 0, "character": 27}},
            "severity": 1,
            "source": "copydesk",
            "message": "unknown bundled rule set `nope`\nhelp: the bundled sets are: anonymity, \
                        attribution, superlatives, framing",
        }])
    );
    assert_eq!(client.diagnostics(&doc)["diagnostics"], json!([]));

    sb.write(
        "copydesk.toml",
        "sets = [\"anonymity\"]\nrules = [\"house.toml\"]\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 2}]}),
    );
    assert_eq!(client.diagnostics(&config)["diagnostics"], json!([]));
    let reloaded = client.diagnostics(&doc);
    // UTF-8 positions: “ç” is two bytes, so “per cent” starts at byte 42, character 41.
    assert_eq!(
        published(&reloaded),
        [
            ("anonymity.bare-source".to_string(), 0, 13),
            ("house.spelling".to_string(), 0, 42),
        ]
    );

    let spelling = reloaded["diagnostics"][1].clone();
    let range = spelling["range"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": range,
               "context": {"diagnostics": [spelling]}}),
    );
    let fixed = "In Curaçao, a source said turnout rose 4 percent.\n";
    assert_eq!(
        actions,
        json!([
            {
                "title": "Replace “per cent” with “percent”",
                "kind": "quickfix",
                "diagnostics": [spelling],
                "edit": {"changes": {doc.clone(): [{"range": range, "newText": "percent"}]}},
                "isPreferred": true,
            },
            {
                "title": "Apply copydesk's safe fixes (1)",
                "kind": "source.fixAll.copydesk",
                "edit": {"changes": {doc.clone(): [{
                    "range": {"start": {"line": 0, "character": 0},
                              "end": {"line": 1, "character": 0}},
                    "newText": fixed,
                }]}},
            },
        ])
    );

    assert!(client.shutdown().success());
}
