//! A real ClamAV daemon (`clamd`, Debian's `clamav-daemon`) on loopback, started once per test
//! binary and shared by the tests that scan uploads (decision 0071). Its database holds only
//! our own hash signatures — no freshclam, no network: [`EICAR`] (the standard 68-byte test
//! file) by its published MD5, and [`eicar_pdf`] (a PDF-looking file carrying it, for the CV form, which
//! takes only PDF and Word) by its SHA-256. Without `clamd` the tests that need it are skipped
//! locally and fail in CI (`CI=true`). `CLAMD=path` names the binary; else `clamd` on the PATH,
//! else `/usr/sbin/clamd` (where Debian puts it).

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Child, Command, Stdio},
    sync::{Mutex, OnceLock},
    time::{Duration, Instant},
};

use kundekort::integrations::clamav::ClamdAddr;
use sha2::Digest;

/// The EICAR anti-virus test file: harmless, and detected by every scanner.
pub const EICAR: &[u8] = br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
/// [`EICAR`]'s MD5, as published with it (clamd's `.hdb` signatures are MD5).
const EICAR_MD5: &str = "44d88612fea8a8f36de82e1278abb02f";
/// What clamd calls [`EICAR`] (our signature; clamd adds `.UNOFFICIAL` to it).
pub const EICAR_SIGNATURE: &str = "Eicar-Test-Signature-Kundekort.UNOFFICIAL";
/// What clamd calls [`eicar_pdf`].
pub const EICAR_PDF_SIGNATURE: &str = "Eicar-Pdf-Kundekort.UNOFFICIAL";

/// A file that starts as a PDF (so the type check and the CV form take it) and carries EICAR.
pub fn eicar_pdf() -> Vec<u8> {
    let mut v = b"%PDF-1.4\n% Kundekort virus-scan test\n".to_vec();
    v.extend_from_slice(EICAR);
    v.extend_from_slice(b"\n%%EOF\n");
    v
}

/// The running daemon.
pub struct Clamd {
    pub port: u16,
    /// The shell that runs clamd and stops it when our end of its stdin closes (when this
    /// process ends, however it ends).
    _keeper: Mutex<Child>,
}

impl Clamd {
    /// The setting that points Kundekort at it.
    pub fn addr(&self) -> ClamdAddr {
        ClamdAddr::Tcp(format!("127.0.0.1:{}", self.port))
    }
}

static CLAMD: OnceLock<Option<Clamd>> = OnceLock::new();
static SMALL_CLAMD: OnceLock<Option<Clamd>> = OnceLock::new();

/// The shared daemon, started on first use (a few seconds); `None` (locally) when clamd is
/// not installed. It takes streams of up to 60 MB (`StreamMaxLength`), more than the uploads'
/// limit, as docs/operations.md asks. Call it from a multi-threaded runtime's task
/// (`db_test!` tests are).
pub fn clamd() -> Option<&'static Clamd> {
    tokio::task::block_in_place(|| CLAMD.get_or_init(|| start("60M")).as_ref())
}

/// A second daemon set up wrongly on purpose: `StreamMaxLength` 1 MB, below the uploads' limit.
pub fn clamd_with_a_1_mb_stream_limit() -> Option<&'static Clamd> {
    tokio::task::block_in_place(|| SMALL_CLAMD.get_or_init(|| start("1M")).as_ref())
}

fn binary() -> Option<String> {
    if let Ok(path) = std::env::var("CLAMD") {
        return Some(path);
    }
    let on_path = std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .map(|dir| std::path::Path::new(dir).join("clamd"))
        .find(|p| p.is_file());
    on_path
        .or_else(|| {
            let sbin = std::path::PathBuf::from("/usr/sbin/clamd");
            sbin.is_file().then_some(sbin)
        })
        .map(|p| p.display().to_string())
}

fn start(stream_max: &str) -> Option<Clamd> {
    let Some(binary) = binary() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("clamd (clamav-daemon) is required when CI=true");
        }
        eprintln!("clamd not found: skipping the virus-scan tests");
        return None;
    };
    let dir = tempfile::Builder::new()
        .prefix("kk-clamd-")
        .tempdir()
        .unwrap()
        .keep();
    let db = dir.join("db");
    std::fs::create_dir(&db).unwrap();
    std::fs::write(
        db.join("test.hdb"),
        format!(
            "{EICAR_MD5}:{}:Eicar-Test-Signature-Kundekort\n",
            EICAR.len()
        ),
    )
    .unwrap();
    let pdf = eicar_pdf();
    std::fs::write(
        db.join("test.hsb"),
        format!(
            "{}:{}:Eicar-Pdf-Kundekort\n",
            hex::encode(sha2::Sha256::digest(&pdf)),
            pdf.len()
        ),
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = dir.join("clamd.conf");
    std::fs::write(
        &conf,
        format!(
            "DatabaseDirectory {db}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nForeground yes\n\
             LogFile {dir}/clamd.log\nPidFile {dir}/clamd.pid\nStreamMaxLength {stream_max}\n",
            db = db.display(),
            dir = dir.display(),
        ),
    )
    .unwrap();
    // clamd in the background of a shell that waits for its stdin to close, then stops clamd
    // and removes the folder: the test binary holds the other end until it exits.
    let keeper = Command::new("sh")
        .args([
            "-c",
            r#""$0" --config-file="$1" </dev/null & pid=$!; read _; kill $pid; wait $pid; rm -rf "$2""#,
            &binary,
            &conf.display().to_string(),
            &dir.display().to_string(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
    let deadline = Instant::now() + Duration::from_secs(90);
    while Instant::now() < deadline {
        if ping(port) {
            return Some(Clamd {
                port,
                _keeper: Mutex::new(keeper),
            });
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let log = std::fs::read_to_string(dir.join("clamd.log")).unwrap_or_default();
    let mut keeper = keeper;
    let _ = keeper.kill();
    let _ = keeper.wait();
    panic!("clamd did not start within 90 s; its log:\n{log}");
}

fn ping(port: u16) -> bool {
    let Ok(mut conn) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = conn.set_read_timeout(Some(Duration::from_secs(2)));
    if conn.write_all(b"zPING\0").is_err() {
        return false;
    }
    let mut answer = [0u8; 5];
    conn.read_exact(&mut answer).is_ok() && &answer == b"PONG\0"
}
