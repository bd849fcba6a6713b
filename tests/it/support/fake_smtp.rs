//! A real SMTP server on loopback that records what it accepts (RFC 5321: greeting, EHLO/HELO,
//! MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT). A message counts as received only
//! when the server has answered 250 to its DATA, as with a real server.
//!
//! For fault tests it can die in the middle of a send: after reading a whole message but before
//! acknowledging it, it drops the connection and stops listening — as a server that crashes.
//!
//! It can speak TLS ([`FakeTls`]): STARTTLS (RFC 3207; mail is refused before it) or TLS from the
//! first byte, with a certificate from `tests/fixtures/smtp-tls/` signed by the test CA there.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use rustls::pki_types::{CertificateDer, PrivateKeyDer, pem::PemObject};
use tokio::{
    io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    sync::watch,
    task::JoinHandle,
};
use tokio_rustls::TlsAcceptor;

#[derive(Clone, Debug)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: Vec<u8>,
    /// Whether it came over TLS.
    pub tls: bool,
}

/// How the fake server speaks TLS.
#[derive(Clone)]
pub enum FakeTls {
    /// Plain first, `STARTTLS` offered and required before `MAIL`.
    StartTls(TlsAcceptor),
    /// TLS from the first byte (port 465's way).
    Implicit(TlsAcceptor),
}

/// The test CA's certificate (PEM), as `KUNDEKORT_SMTP_CA_FILE` would hold it.
pub fn test_ca_pem() -> String {
    fixture("ca.pem")
}

/// A TLS acceptor with the certificate `name` (`relay`: 127.0.0.1 and localhost; `elsewhere`:
/// smtp.elsewhere.test), both signed by the test CA.
pub fn acceptor(name: &str) -> TlsAcceptor {
    let chain = CertificateDer::pem_slice_iter(fixture(&format!("{name}.pem")).as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(fixture(&format!("{name}.key")).as_bytes()).unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    TlsAcceptor::from(Arc::new(config))
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/smtp-tls/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parsable message")
    }
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    /// Die after reading the next message's data, before acknowledging it.
    die_mid_send: bool,
    /// Answer 550 to these recipients.
    reject: Vec<String>,
}

pub struct FakeSmtp {
    pub addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl FakeSmtp {
    pub async fn start() -> Self {
        Self::start_on("127.0.0.1:0".parse().unwrap()).await
    }

    /// Starts on a given address (to come back up where a stopped one was).
    pub async fn start_on(addr: SocketAddr) -> Self {
        Self::start_with(addr, None).await
    }

    /// Starts speaking TLS as `tls` says.
    pub async fn start_tls(tls: FakeTls) -> Self {
        Self::start_with("127.0.0.1:0".parse().unwrap(), Some(tls)).await
    }

    async fn start_with(addr: SocketAddr, tls: Option<FakeTls>) -> Self {
        let listener = bind_retrying(addr).await;
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let (stop, stopped) = watch::channel(false);
        let task = {
            let shared = shared.clone();
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut stopped = stopped;
                loop {
                    tokio::select! {
                        accepted = listener.accept() => {
                            let Ok((socket, _)) = accepted else { break };
                            let shared = shared.clone();
                            let stop = stop.clone();
                            let stopped = stop.subscribe();
                            let tls = tls.clone();
                            tokio::spawn(async move {
                                let _ = serve(socket, shared, stop, stopped, tls).await;
                            });
                        }
                        _ = stopped.changed() => break,
                    }
                }
            })
        };
        Self {
            addr,
            shared,
            stop,
            task,
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn die_mid_send(&self) {
        self.shared.lock().unwrap().die_mid_send = true;
    }

    pub fn reject(&self, address: &str) {
        self.shared.lock().unwrap().reject.push(address.to_string());
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// How many messages were accepted so far.
    pub fn count(&self) -> usize {
        self.shared.lock().unwrap().received.len()
    }

    /// Waits until at least `n` messages arrived (or panics after `secs`). Polls the count, not
    /// the messages, so that waiting for thousands costs nothing.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.count();
            if got >= n {
                return self.messages();
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "only {got} of {n} messages arrived"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Has it stopped (after dying mid-send)?
    pub async fn wait_stopped(&self) {
        let mut rx = self.stop.subscribe();
        let _ = rx.wait_for(|s| *s).await;
        for _ in 0..100 {
            if self.task.is_finished() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

async fn bind_retrying(addr: SocketAddr) -> TcpListener {
    for _ in 0..100 {
        match TcpListener::bind(addr).await {
            Ok(l) => return l,
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    TcpListener::bind(addr)
        .await
        .expect("bind the fake SMTP port")
}

fn address_of(arg: &str) -> String {
    let start = arg.find('<').map(|i| i + 1).unwrap_or(0);
    let end = arg.find('>').unwrap_or(arg.len());
    arg[start..end].to_string()
}

/// One connection: plain, TLS from the start, or plain until `STARTTLS` and then TLS.
async fn serve(
    socket: TcpStream,
    shared: Arc<Mutex<Shared>>,
    stop: watch::Sender<bool>,
    stopped: watch::Receiver<bool>,
    tls: Option<FakeTls>,
) -> std::io::Result<()> {
    let plain = Mode {
        greet: true,
        offer_starttls: false,
        tls: false,
    };
    let after_starttls = Mode {
        greet: false,
        offer_starttls: false,
        tls: true,
    };
    match tls {
        None => {
            session(socket, shared, stop, stopped, plain).await?;
        }
        Some(FakeTls::Implicit(acceptor)) => {
            let stream = acceptor.accept(socket).await?;
            let mode = Mode { tls: true, ..plain };
            session(stream, shared, stop, stopped, mode).await?;
        }
        Some(FakeTls::StartTls(acceptor)) => {
            let mode = Mode {
                offer_starttls: true,
                ..plain
            };
            let upgrade = session(socket, shared.clone(), stop.clone(), stopped.clone(), mode);
            let Some(socket) = upgrade.await? else {
                return Ok(());
            };
            let stream = acceptor.accept(socket).await?;
            session(stream, shared, stop, stopped, after_starttls).await?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
struct Mode {
    /// Send the 220 greeting (not after STARTTLS: the client speaks first then).
    greet: bool,
    /// Offer STARTTLS and refuse mail until it is done.
    offer_starttls: bool,
    /// The stream is TLS.
    tls: bool,
}

/// Speaks SMTP on `stream`; returns it when the client asked for STARTTLS (after the 220).
async fn session<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    shared: Arc<Mutex<Shared>>,
    stop: watch::Sender<bool>,
    mut stopped: watch::Receiver<bool>,
    mode: Mode,
) -> std::io::Result<Option<S>> {
    let mut io = BufReader::new(stream);
    if mode.greet {
        say(&mut io, b"220 fake-smtp ESMTP ready\r\n").await?;
    }
    let mut mail_from = String::new();
    let mut rcpt_to: Vec<String> = Vec::new();
    loop {
        let mut line = String::new();
        tokio::select! {
            n = io.read_line(&mut line) => { if n? == 0 { return Ok(None); } }
            _ = stopped.changed() => return Ok(None),
        }
        let upper = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") && mode.offer_starttls {
            b"250-fake-smtp\r\n250-STARTTLS\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800\r\n"
        } else if upper.starts_with("EHLO") {
            b"250-fake-smtp\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 52428800\r\n"
        } else if upper.starts_with("HELO") {
            b"250 fake-smtp\r\n"
        } else if upper == "STARTTLS" && mode.offer_starttls {
            say(&mut io, b"220 2.0.0 Ready to start TLS\r\n").await?;
            return Ok(Some(io.into_inner()));
        } else if upper.starts_with("MAIL FROM:") && mode.offer_starttls {
            b"530 5.7.0 Must issue a STARTTLS command first\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            mail_from = address_of(&line);
            rcpt_to.clear();
            b"250 2.1.0 Ok\r\n"
        } else if upper.starts_with("RCPT TO:") {
            let address = address_of(&line);
            if shared.lock().unwrap().reject.contains(&address) {
                b"550 5.1.1 No such user here\r\n"
            } else {
                rcpt_to.push(address);
                b"250 2.1.5 Ok\r\n"
            }
        } else if upper == "DATA" {
            say(&mut io, b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let mut data = Vec::new();
            loop {
                let mut l = String::new();
                if io.read_line(&mut l).await? == 0 {
                    return Ok(None);
                }
                if l == ".\r\n" || l == ".\n" {
                    break;
                }
                let l = l.strip_prefix('.').unwrap_or(&l);
                data.extend_from_slice(l.as_bytes());
            }
            let die = std::mem::take(&mut shared.lock().unwrap().die_mid_send);
            if die {
                // Crash: no reply, connection and listener gone.
                let _ = stop.send(true);
                return Ok(None);
            }
            let id = {
                let mut s = shared.lock().unwrap();
                s.received.push(Received {
                    mail_from: mail_from.clone(),
                    rcpt_to: std::mem::take(&mut rcpt_to),
                    data,
                    tls: mode.tls,
                });
                s.received.len()
            };
            say(
                &mut io,
                format!("250 2.0.0 Ok: queued as FAKE{id}\r\n").as_bytes(),
            )
            .await?;
            continue;
        } else if upper == "RSET" {
            rcpt_to.clear();
            b"250 2.0.0 Ok\r\n"
        } else if upper == "NOOP" {
            b"250 2.0.0 Ok\r\n"
        } else if upper == "QUIT" {
            say(&mut io, b"221 2.0.0 Bye\r\n").await?;
            return Ok(None);
        } else {
            b"502 5.5.2 Command not recognized\r\n"
        };
        say(&mut io, reply).await?;
    }
}

/// Writes a reply and flushes it (a TLS stream holds what is not flushed).
async fn say<S: AsyncRead + AsyncWrite + Unpin>(
    io: &mut BufReader<S>,
    reply: &[u8],
) -> std::io::Result<()> {
    io.write_all(reply).await?;
    io.flush().await
}
