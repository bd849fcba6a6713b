//! A client of ClamAV's scanning daemon, `clamd` (decision 0071), speaking its documented
//! `INSTREAM` command (clamd(8)): `zINSTREAM\0`, then the file in chunks, each a 4-byte
//! big-endian length and that many bytes, ended by a chunk of length 0; clamd answers
//! `stream: OK`, `stream: <signature> FOUND` or `<reason> ERROR`, ended by `\0`.
//!
//! A file being uploaded is fed to clamd as its chunks arrive ([`Scan::send`]), over one
//! connection per file, and the verdict is taken at the end ([`Scan::finish`]). Anything but
//! `OK` is not a pass: a connection that fails, a time-out, clamd's own `ERROR` (for one,
//! `INSTREAM size limit exceeded` when the file is longer than its `StreamMaxLength`) and an
//! answer we do not understand are all a [`ScanError`], and the upload is refused.

use std::{fmt, path::PathBuf, time::Duration};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// How long a connection to clamd may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one chunk may take to be sent (clamd writes it to a temporary file).
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long clamd may take to scan a whole file once it has it (a 50 MB file with the full
/// signature databases takes seconds; this is the bound, not the expectation).
const VERDICT_TIMEOUT: Duration = Duration::from_secs(120);
/// The longest chunk sent in one piece (clamd takes any length up to `StreamMaxLength`).
const CHUNK_BYTES: usize = 1024 * 1024;
/// The longest answer read from clamd.
const MAX_ANSWER: usize = 4096;

/// Where clamd listens: `host:port` (its `TCPSocket`), or the path of its Unix socket
/// (`LocalSocket`, e.g. `/run/clamav/clamd.ctl`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClamdAddr {
    Tcp(String),
    Unix(PathBuf),
}

impl ClamdAddr {
    /// Reads `KUNDEKORT_CLAMD`: a path (starting with `/`) or `host:port`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.starts_with('/') {
            return Ok(Self::Unix(PathBuf::from(raw)));
        }
        match raw.rsplit_once(':') {
            Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok_and(|p| p > 0) => {
                Ok(Self::Tcp(raw.to_string()))
            }
            _ => Err(format!(
                "{raw} is neither host:port (clamd's TCPSocket) nor the path of its socket"
            )),
        }
    }
}

impl fmt::Display for ClamdAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Tcp(addr) => f.write_str(addr),
            Self::Unix(path) => write!(f, "{}", path.display()),
        }
    }
}

/// What clamd said of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature clamd named (e.g. `Win.Test.EICAR_HDB-1`).
    Infected(String),
}

/// The file could not be scanned; the text is for the logs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("clamd: {0}")]
pub struct ScanError(pub String);

trait Conn: AsyncRead + AsyncWrite + Unpin + Send + Sync {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + Sync> Conn for T {}

/// A client of one clamd; cheap to clone.
#[derive(Clone, Debug)]
pub struct Scanner {
    addr: ClamdAddr,
}

impl Scanner {
    pub fn new(addr: ClamdAddr) -> Self {
        Self { addr }
    }

    pub fn addr(&self) -> &ClamdAddr {
        &self.addr
    }

    async fn connect(&self) -> Result<Box<dyn Conn>, ScanError> {
        let failed = |e: std::io::Error| ScanError(format!("cannot connect to {}: {e}", self.addr));
        let connect = async {
            Ok::<Box<dyn Conn>, std::io::Error>(match &self.addr {
                ClamdAddr::Tcp(addr) => Box::new(tokio::net::TcpStream::connect(addr).await?),
                #[cfg(unix)]
                ClamdAddr::Unix(path) => Box::new(tokio::net::UnixStream::connect(path).await?),
                #[cfg(not(unix))]
                ClamdAddr::Unix(_) => {
                    return Err(std::io::Error::other("Unix sockets need a Unix system"));
                }
            })
        };
        match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(e)) => Err(failed(e)),
            Err(_) => Err(ScanError(format!(
                "no connection to {} within {} s",
                self.addr,
                CONNECT_TIMEOUT.as_secs()
            ))),
        }
    }

    /// Opens a scan of one file: send its bytes with [`Scan::send`], then [`Scan::finish`].
    pub async fn start(&self) -> Result<Scan, ScanError> {
        let mut conn = self.connect().await?;
        write(&mut conn, b"zINSTREAM\0").await?;
        Ok(Scan { conn })
    }

    /// Scans bytes already in memory.
    pub async fn scan_bytes(&self, bytes: &[u8]) -> Result<Verdict, ScanError> {
        let mut scan = self.start().await?;
        scan.send(bytes).await?;
        scan.finish().await
    }

    /// clamd answers `PING` with `PONG` (`/readyz`).
    pub async fn ping(&self) -> Result<(), ScanError> {
        let mut conn = self.connect().await?;
        write(&mut conn, b"zPING\0").await?;
        let answer = answer(&mut conn, Duration::from_secs(3)).await?;
        if answer == "PONG" {
            Ok(())
        } else {
            Err(ScanError(format!("PING answered {answer:?}")))
        }
    }
}

/// One file on its way to clamd.
pub struct Scan {
    conn: Box<dyn Conn>,
}

impl Scan {
    /// Sends the next bytes of the file. When clamd has hung up (it does after refusing a
    /// stream longer than its `StreamMaxLength`), its reason is in the error.
    pub async fn send(&mut self, bytes: &[u8]) -> Result<(), ScanError> {
        for piece in bytes.chunks(CHUNK_BYTES) {
            let len = (piece.len() as u32).to_be_bytes();
            let sent = async {
                self.conn.write_all(&len).await?;
                self.conn.write_all(piece).await
            };
            let failed = match tokio::time::timeout(WRITE_TIMEOUT, sent).await {
                Ok(Ok(())) => continue,
                Ok(Err(e)) => e.to_string(),
                Err(_) => format!("no progress within {} s", WRITE_TIMEOUT.as_secs()),
            };
            // clamd may have said why before closing.
            return Err(match answer(&mut self.conn, Duration::from_secs(2)).await {
                Ok(said) if !said.is_empty() => ScanError(said),
                _ => ScanError(format!("sending the file failed: {failed}")),
            });
        }
        Ok(())
    }

    /// Ends the file and reads clamd's verdict.
    pub async fn finish(mut self) -> Result<Verdict, ScanError> {
        if let Err(e) = write(&mut self.conn, &0u32.to_be_bytes()).await {
            return Err(match answer(&mut self.conn, Duration::from_secs(2)).await {
                Ok(said) if !said.is_empty() => ScanError(said),
                _ => e,
            });
        }
        let said = answer(&mut self.conn, VERDICT_TIMEOUT).await?;
        verdict(&said)
    }
}

async fn write(conn: &mut dyn Conn, bytes: &[u8]) -> Result<(), ScanError> {
    match tokio::time::timeout(WRITE_TIMEOUT, conn.write_all(bytes)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(ScanError(format!("sending failed: {e}"))),
        Err(_) => Err(ScanError(format!(
            "no progress within {} s",
            WRITE_TIMEOUT.as_secs()
        ))),
    }
}

/// Reads clamd's answer up to its `\0` (or the end of the connection), within `wait`.
async fn answer(conn: &mut dyn Conn, wait: Duration) -> Result<String, ScanError> {
    let read = async {
        let mut got = Vec::new();
        let mut buf = [0u8; 512];
        loop {
            let n = conn.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
            if got.contains(&0) || got.len() > MAX_ANSWER {
                break;
            }
        }
        Ok::<_, std::io::Error>(got)
    };
    let got = match tokio::time::timeout(wait, read).await {
        Ok(Ok(got)) => got,
        Ok(Err(e)) => return Err(ScanError(format!("reading the answer failed: {e}"))),
        Err(_) => {
            return Err(ScanError(format!("no answer within {} s", wait.as_secs())));
        }
    };
    let end = got.iter().position(|&b| b == 0).unwrap_or(got.len());
    Ok(String::from_utf8_lossy(&got[..end.min(MAX_ANSWER)])
        .trim()
        .to_string())
}

/// Reads an `INSTREAM` answer. Only `stream: OK` is clean.
fn verdict(said: &str) -> Result<Verdict, ScanError> {
    if said.is_empty() {
        return Err(ScanError("no answer (connection closed)".into()));
    }
    let Some(rest) = said.strip_prefix("stream: ") else {
        return Err(ScanError(said.to_string()));
    };
    if rest == "OK" {
        return Ok(Verdict::Clean);
    }
    if let Some(signature) = rest.strip_suffix(" FOUND") {
        let signature: String = signature
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        return Ok(Verdict::Infected(signature));
    }
    Err(ScanError(said.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ok_is_clean_and_every_error_is_an_error() {
        assert_eq!(verdict("stream: OK"), Ok(Verdict::Clean));
        assert_eq!(
            verdict("stream: Win.Test.EICAR_HDB-1 FOUND"),
            Ok(Verdict::Infected("Win.Test.EICAR_HDB-1".into()))
        );
        assert!(verdict("INSTREAM size limit exceeded. ERROR").is_err());
        assert!(verdict("stream: Can't allocate memory ERROR").is_err());
        assert!(verdict("").is_err());
        assert!(verdict("UNKNOWN COMMAND").is_err());
    }

    #[test]
    fn the_setting_is_host_and_port_or_a_socket_path() {
        assert_eq!(
            ClamdAddr::parse("127.0.0.1:3310"),
            Ok(ClamdAddr::Tcp("127.0.0.1:3310".into()))
        );
        assert_eq!(
            ClamdAddr::parse("/run/clamav/clamd.ctl"),
            Ok(ClamdAddr::Unix("/run/clamav/clamd.ctl".into()))
        );
        assert!(ClamdAddr::parse("clamd").is_err());
        assert!(ClamdAddr::parse("clamd:").is_err());
        assert!(ClamdAddr::parse(":3310").is_err());
    }
}
