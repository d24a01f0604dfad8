//! `copydesk lsp`: a language server over stdio, so an editor shows findings while the story is
//! written. It is synchronous (lsp-server, as rust-analyzer uses): one message at a time, the
//! whole document checked again on open and on every change, with the config and rules found
//! as `check` finds them, from the document's directory upwards.

mod convert;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, InitializeParams, Location, MessageType,
    NumberOrString, PositionEncodingKind, PublishDiagnosticsParams, Registration,
    RegistrationParams, ServerCapabilities, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri,
    WorkspaceEdit, notification, request,
};

use self::convert::Encoding;
use crate::config;
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Format;
use crate::fix;
use crate::linter::Linter;
use crate::problem::{Error, FileProblems};
use crate::rule::{Applicability, Severity};
use crate::source::SourceFile;

/// The code action that applies every safe fix in a document, as editors run on save.
const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.copydesk");

/// Where rules and config come from, as `check` takes them.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Extra rule files or directories.
    pub rules: Vec<PathBuf>,
    /// A config file for every document, instead of looking for copydesk.toml.
    pub config: Option<PathBuf>,
    /// Use no copydesk.toml at all.
    pub no_config: bool,
}

/// Serves one client on stdin and stdout until it says `exit`. Returns the exit code the
/// protocol asks for: 0 when `shutdown` came first, 1 otherwise.
pub fn run(options: Options) -> Result<ExitCode, String> {
    let (connection, threads) = Connection::stdio();
    let code = serve(&connection, options)?;
    // The writer thread stops once every sender is gone.
    drop(connection);
    threads
        .join()
        .map_err(|e| format!("the language server's input or output failed: {e}"))?;
    Ok(code)
}

fn serve(conn: &Connection, options: Options) -> Result<ExitCode, String> {
    let (id, params) = conn
        .initialize_start()
        .map_err(|e| format!("no language client: {e}"))?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|e| format!("the client's `initialize` is not valid: {e}"))?;
    let encoding = encoding(&params);
    let capabilities = ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    };
    conn.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": {"name": "copydesk", "version": env!("CARGO_PKG_VERSION")},
        }),
    )
    .map_err(|e| format!("the client did not finish initialising: {e}"))?;
    let mut server = Server {
        conn,
        encoding,
        root: root(&params),
        options,
        docs: HashMap::new(),
        linters: HashMap::new(),
        broken: HashSet::new(),
    };
    let watchable = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watchable {
        server.watch_rule_files();
    }
    for message in &conn.receiver {
        match message {
            Message::Request(req) => {
                match conn.handle_shutdown(&req) {
                    Ok(true) => return Ok(ExitCode::SUCCESS),
                    Ok(false) => {}
                    Err(e) => return Err(format!("shutting down: {e}")),
                }
                server.request(req);
            }
            Message::Notification(n) if n.method == notification::Exit::METHOD => {
                return Ok(ExitCode::from(1));
            }
            Message::Notification(n) => server.notify(n),
            Message::Response(_) => {}
        }
    }
    // The client went away without `exit`.
    Ok(ExitCode::from(1))
}

/// UTF-8 positions when the client offers them (they are what copydesk counts in), else the
/// protocol's UTF-16.
fn encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|o| o.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

/// The workspace's directory, where the config of a document with no path is looked for.
fn root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri);
    #[allow(deprecated)] // Older clients send only `rootUri`.
    let uri = folder.or(params.root_uri.as_ref());
    uri.and_then(convert::uri_to_path)
}

/// An open document and what was last reported on it.
struct Doc {
    /// Its file, when it has one: config, overrides and the format are found from it.
    path: Option<PathBuf>,
    /// How to read it; `None` for a file that is not prose (a rule file open beside a story).
    format: Option<Format>,
    /// Its text, as the editor has it.
    file: SourceFile,
    /// The editor's version of that text.
    version: i32,
    /// The findings published for it, with their fixes.
    findings: Vec<(lsp_types::Diagnostic, Option<Fix>)>,
}

struct Server<'a> {
    conn: &'a Connection,
    encoding: Encoding,
    root: Option<PathBuf>,
    options: Options,
    docs: HashMap<Uri, Doc>,
    /// Linters by the config file they were built from (`None`: no config). A failed load is
    /// kept as `None`, reported once, until a rule or config file changes.
    linters: HashMap<Option<PathBuf>, Option<Rc<Linter>>>,
    /// Rule and config files that problems were published on.
    broken: HashSet<Uri>,
}

impl Server<'_> {
    fn send(&self, message: impl Into<Message>) {
        // A send fails only when the client is gone, which the main loop sees next.
        let _ = self.conn.sender.send(message.into());
    }

    fn notify_client<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify_client::<notification::PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        });
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify_client::<notification::ShowMessage>(ShowMessageParams { typ, message });
    }

    /// Asks the client to tell us when a TOML file changes, so edited rules and config apply
    /// without restarting the server.
    fn watch_rule_files(&self) {
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "copydesk-rule-files".into(),
                method: notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(serde_json::json!({
                    "watchers": [{"globPattern": "**/*.toml"}]
                })),
            }],
        };
        self.send(Request::new(
            RequestId::from("copydesk-watch".to_string()),
            request::RegisterCapability::METHOD.to_string(),
            params,
        ));
    }

    fn request(&mut self, req: Request) {
        let response = if req.method == request::CodeActionRequest::METHOD {
            match serde_json::from_value::<CodeActionParams>(req.params) {
                Ok(params) => Response::new_ok(req.id, self.code_actions(&params)),
                Err(e) => Response::new_err(
                    req.id,
                    ErrorCode::InvalidParams as i32,
                    format!("invalid code action request: {e}"),
                ),
            }
        } else {
            Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("copydesk does not answer `{}`", req.method),
            )
        };
        self.send(response);
    }

    fn notify(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let doc = p.text_document;
                    let path = convert::uri_to_path(&doc.uri);
                    let format = format(&doc.language_id, path.as_deref());
                    let name = path
                        .as_ref()
                        .map_or_else(|| doc.uri.as_str().to_string(), |p| p.display().to_string());
                    self.docs.insert(
                        doc.uri.clone(),
                        Doc {
                            path,
                            format,
                            file: SourceFile::new(name, doc.text),
                            version: doc.version,
                            findings: Vec::new(),
                        },
                    );
                    self.check(&doc.uri);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    // Full sync: the last change holds the whole text.
                    let text = p
                        .content_changes
                        .into_iter()
                        .rev()
                        .find(|c| c.range.is_none());
                    if let (Some(doc), Some(change)) = (self.docs.get_mut(&uri), text) {
                        doc.file = SourceFile::new(doc.file.name.clone(), change.text);
                        doc.version = p.text_document.version;
                        self.check(&uri);
                    }
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    if self.docs.remove(&p.text_document.uri).is_some() {
                        self.publish(&p.text_document.uri, Vec::new(), None);
                    }
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    if is_toml(&p.text_document.uri) {
                        self.reload();
                    }
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) {
                    if p.changes.iter().any(|c| is_toml(&c.uri)) {
                        self.reload();
                    }
                }
            }
            _ => {}
        }
    }

    /// Drops every linter, so the next check loads rules and config afresh, and checks every
    /// open document again.
    fn reload(&mut self) {
        self.linters.clear();
        for uri in std::mem::take(&mut self.broken) {
            self.publish(&uri, Vec::new(), None);
        }
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.check(&uri);
        }
    }

    /// The config file that applies to a document at `path`.
    fn config_for(&self, path: Option<&Path>) -> Option<PathBuf> {
        if self.options.no_config {
            return None;
        }
        if let Some(c) = &self.options.config {
            return Some(c.clone());
        }
        let dir = path.and_then(Path::parent).or(self.root.as_deref())?;
        config::discover(dir)
    }

    /// The linter for a document at `path`, loaded on first use; `None` when its rules or
    /// config have problems, which are then shown to the user.
    fn linter_for(&mut self, path: Option<&Path>) -> Option<Rc<Linter>> {
        let config = self.config_for(path);
        if let Some(cached) = self.linters.get(&config) {
            return cached.clone();
        }
        let linter = match load(config.as_deref(), &self.options.rules) {
            Ok(linter) => Some(Rc::new(linter)),
            Err(e) => {
                self.report(&e);
                None
            }
        };
        self.linters.insert(config, linter.clone());
        linter
    }

    /// Shows why rules or config could not be loaded, and each problem at its place in its
    /// file, as `check` shows them.
    fn report(&mut self, e: &Error) {
        let summary = match e {
            Error::Message(m) => m.clone(),
            Error::Files(files) => {
                for fp in files {
                    self.publish_problems(fp);
                }
                let n: usize = files.iter().map(|f| f.problems.len()).sum();
                let first = files.iter().find_map(|f| {
                    let p = f.problems.first()?;
                    let (line, _) = f.file.location(p.span.start);
                    Some(format!("{}:{line}: {}", f.file.name, p.message))
                });
                format!(
                    "{n} problem{} in rules or config; the first: {}",
                    if n == 1 { "" } else { "s" },
                    first.unwrap_or_default()
                )
            }
        };
        self.show(
            MessageType::ERROR,
            format!("copydesk cannot check until this is fixed: {summary}"),
        );
    }

    fn publish_problems(&mut self, fp: &FileProblems) {
        // Bundled sets have no file to point at.
        let path = Path::new(&fp.file.name);
        if !path.is_file() {
            return;
        }
        let Some(uri) = convert::path_to_uri(path) else {
            return;
        };
        let diagnostics = fp
            .problems
            .iter()
            .map(|p| {
                let mut message = p.message.clone();
                if let Some(help) = &p.help {
                    message.push_str("\nhelp: ");
                    message.push_str(help);
                }
                lsp_types::Diagnostic {
                    range: convert::range(&fp.file, &p.span, self.encoding),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("copydesk".into()),
                    message,
                    ..lsp_types::Diagnostic::default()
                }
            })
            .collect();
        self.publish(&uri, diagnostics, None);
        self.broken.insert(uri);
    }

    /// Checks an open document and publishes its findings.
    fn check(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let path = doc.path.clone();
        let linter = match doc.format {
            Some(_) => self.linter_for(path.as_deref()),
            None => None,
        };
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.findings = match (linter, doc.format) {
            (Some(linter), Some(format)) => linter
                .check_path(&doc.file, format, path.as_deref())
                .into_iter()
                .filter(|d| d.suppressed.is_none())
                .map(|d| (to_lsp(&d, &doc.file, uri, self.encoding), d.fix))
                .collect(),
            _ => Vec::new(),
        };
        let diagnostics = doc.findings.iter().map(|(d, _)| d.clone()).collect();
        let version = doc.version;
        self.publish(uri, diagnostics, Some(version));
    }

    /// A quick fix for each finding with a fix in the requested range (safe ones preferred),
    /// and one action applying every safe fix in the document.
    fn code_actions(&mut self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let wanted = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        if wanted(&CodeActionKind::QUICKFIX) {
            let asked = (params.range.start, params.range.end);
            for (diagnostic, fix) in &doc.findings {
                let Some(fix) = fix else { continue };
                let r = diagnostic.range;
                if r.start > asked.1 || asked.0 > r.end {
                    continue;
                }
                let old = doc.file.text.get(fix.span.clone()).unwrap_or_default();
                let title = if fix.replacement.is_empty() {
                    format!("Remove “{}”", old.trim())
                } else {
                    format!("Replace “{old}” with “{}”", fix.replacement)
                };
                let edit = TextEdit {
                    range: convert::range(&doc.file, &fix.span, self.encoding),
                    new_text: fix.replacement.clone(),
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(uri, edit)),
                    is_preferred: (fix.applicability == Applicability::Safe).then_some(true),
                    ..CodeAction::default()
                }));
            }
        }
        let any_safe = doc.findings.iter().any(|(_, f)| {
            f.as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        });
        if any_safe && wanted(&FIX_ALL) {
            if let Some(action) = self.fix_all(uri) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
        actions
    }

    /// Every safe fix of a document, applied as `check --fix` applies them, as one edit.
    fn fix_all(&mut self, uri: &Uri) -> Option<CodeAction> {
        let path = self.docs.get(uri)?.path.clone();
        let linter = self.linter_for(path.as_deref())?;
        let doc = self.docs.get(uri)?;
        let format = doc.format?;
        let diagnostics = linter.check_path(&doc.file, format, path.as_deref());
        let fixed = fix::fix(doc.file.text.clone(), diagnostics, false, |text| {
            linter.check_path(
                &SourceFile::new(doc.file.name.clone(), text),
                format,
                path.as_deref(),
            )
        });
        if fixed.unsettled.is_some() || fixed.text == doc.file.text {
            return None;
        }
        let edit = TextEdit {
            range: convert::whole(&doc.file, self.encoding),
            new_text: fixed.text,
        };
        Some(CodeAction {
            title: format!("Apply copydesk's safe fixes ({})", fixed.applied),
            kind: Some(FIX_ALL),
            edit: Some(workspace_edit(uri, edit)),
            ..CodeAction::default()
        })
    }
}

fn workspace_edit(uri: &Uri, edit: TextEdit) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
        ..WorkspaceEdit::default()
    }
}

/// Builds the linter for a config file, or for none, as `check` does.
fn load(config: Option<&Path>, rules: &[PathBuf]) -> Result<Linter, Error> {
    let loaded = match config {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::Message(format!("cannot read config file `{}`: {e}", path.display()))
            })?;
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let file = SourceFile::new(path.display().to_string(), text);
            Some(config::parse(&file, dir)?)
        }
    };
    Linter::new(loaded.as_ref(), rules)
}

/// How to read a document: by the editor's language id, else by its file name as `check`
/// does. TOML (a rule or config file open in the same editor) is not prose.
fn format(language: &str, path: Option<&Path>) -> Option<Format> {
    match language {
        "markdown" => Some(Format::Markdown),
        "html" => Some(Format::Html),
        "plaintext" => Some(Format::Plain),
        "toml" => None,
        _ => match path {
            Some(p)
                if p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("toml")) =>
            {
                None
            }
            Some(p) => Some(Format::from_path(p)),
            None => Some(Format::Plain),
        },
    }
}

fn is_toml(uri: &Uri) -> bool {
    uri.as_str().to_ascii_lowercase().ends_with(".toml")
}

/// A finding as the editor shows it: the rule as its code, help and note in the message,
/// secondary labels as related information, and where to read more.
fn to_lsp(
    d: &Diagnostic,
    file: &SourceFile,
    uri: &Uri,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let range = convert::range(file, &d.span, encoding);
    let mut message = d.message.clone();
    for (title, text) in [("help", &d.help), ("note", &d.note)] {
        if let Some(text) = text {
            let _ = write!(message, "\n{title}: {text}");
        }
    }
    let mut related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), convert::range(file, span, encoding)),
            message: label.clone(),
        })
        .collect();
    // There is no website to link the rule to; the command that documents it is the link.
    related.push(DiagnosticRelatedInformation {
        location: Location::new(uri.clone(), range),
        message: format!("`copydesk explain {}` says why the rule exists", d.rule),
    });
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.clone())),
        source: Some("copydesk".into()),
        message,
        related_information: Some(related),
        ..lsp_types::Diagnostic::default()
    }
}
