//! Oversized requests get an answer, not a hung connection (issue 18): a long request line is
//! served up to hyper's limit and refused with 414 beyond it; oversized headers with 431.
//! Written on a raw socket, as a client that does not stop itself would send them.

use std::time::Duration;

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::{db_test, support::TestApp};

/// Sends `head` (a request line and headers) and returns the status line of the answer.
async fn status_line(app: &TestApp, head: Vec<u8>) -> String {
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(&head).await.unwrap();
    let mut answer = vec![0u8; 64];
    // A bound on the wait so a hang fails the test instead of stalling the run.
    let n = tokio::time::timeout(Duration::from_secs(30), stream.read(&mut answer))
        .await
        .expect("the server answers")
        .unwrap();
    String::from_utf8_lossy(&answer[..n])
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

db_test!(long_request_lines_and_headers_are_answered, |app| {
    let get = |query_len: usize, header_len: usize| {
        let mut head = b"GET /healthz?x=".to_vec();
        head.extend(std::iter::repeat_n(b'a', query_len));
        head.extend_from_slice(b" HTTP/1.1\r\nHost: kundekort.test\r\nX-Filler: ");
        head.extend(std::iter::repeat_n(b'b', header_len));
        head.extend_from_slice(b"\r\nConnection: close\r\n\r\n");
        head
    };
    // A long search or filter link (9 KB, 40 KB) is served.
    assert_eq!(status_line(app, get(9_000, 1)).await, "HTTP/1.1 200 OK");
    assert_eq!(status_line(app, get(40_000, 1)).await, "HTTP/1.1 200 OK");
    // Beyond what a URI may hold: refused, not left waiting.
    assert_eq!(
        status_line(app, get(70_000, 1)).await,
        "HTTP/1.1 414 URI Too Long"
    );
    // Longer than the read buffer itself: refused as a request head too large to read.
    let refused = status_line(app, get(600_000, 1)).await;
    assert!(
        refused == "HTTP/1.1 414 URI Too Long"
            || refused == "HTTP/1.1 431 Request Header Fields Too Large",
        "{refused}"
    );
    // Headers beyond the read buffer: 431.
    assert_eq!(
        status_line(app, get(10, 600_000)).await,
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
});
