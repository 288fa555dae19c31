//! Starts the real `floor-source` binary on a free port and talks raw HTTP/1.1 to it.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_floor-source"))
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn floor-source");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line
            .strip_suffix('\n')
            .and_then(|l| l.strip_prefix("floor-source listening on 127.0.0.1:"));
        let port =
            port.unwrap_or_else(|| panic!("unexpected first line {line:?}")).parse().unwrap();
        Server { child, port }
    }

    /// One request; returns (status, body). `timeout` bounds each read.
    fn try_request(
        &self,
        method: &str,
        target: &str,
        timeout: Duration,
    ) -> std::io::Result<(u16, String)> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port))?;
        s.set_read_timeout(Some(timeout))?;
        write!(s, "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw)?;
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").expect("no header end");
        assert!(head.contains("\r\nConnection: close"), "{head}");
        let len: usize = head
            .split("\r\n")
            .find_map(|h| h.strip_prefix("Content-Length: "))
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(len, body.len(), "Content-Length mismatch");
        let status = head.strip_prefix("HTTP/1.1 ").unwrap()[..3].parse().unwrap();
        Ok((status, body.to_string()))
    }

    fn request(&self, method: &str, target: &str) -> (u16, String) {
        self.try_request(method, target, Duration::from_secs(10)).unwrap()
    }

    fn get_floor(&self, id: &str) -> (u16, String) {
        self.request("GET", &format!("/collections/{id}/floor"))
    }

    /// `POST /collections/{target}`; returns the status.
    fn post(&self, target: &str) -> u16 {
        self.request("POST", &format!("/collections/{target}")).0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The expected 200 answer for collection `id` at `decimal` / `raw` wei.
fn ok(id: &str, decimal: &str, raw: &str) -> (u16, String) {
    let body = format!(
        concat!(
            r#"{{"collection":{{"id":"{}","floorAsk":{{"price":{{"amount":"#,
            r#"{{"decimal":{},"raw":"{}"}},"currency":{{"symbol":"WETH"}}}}}}}}}}"#
        ),
        id, decimal, raw
    );
    (200, body)
}

const UNKNOWN: &str = r#"{"error":"unknown collection"}"#;
const E20: &str = "20000000000000000000";

#[test]
fn serves_cli_collections_and_health() {
    let srv = Server::start(&["--collection", "0=20.5", "--collection", "1=walk:20:50:600000:1"]);
    assert_eq!(srv.request("GET", "/health"), (200, "ok".into()));
    assert_eq!(srv.get_floor("0"), ok("0", "20.5", "20500000000000000000"));
    assert_eq!(srv.get_floor("1"), ok("1", "20", E20));
    assert_eq!(srv.get_floor("2"), (404, UNKNOWN.into()));
    assert_eq!(srv.request("GET", "/nope").0, 404);
}

#[test]
fn bad_cli_argument_exits_with_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_floor-source"))
        .args(["--port", "0", "--collection", "0=-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn control_endpoints() {
    let srv = Server::start(&[]);
    assert_eq!(srv.post("7/floor?price=12.25"), 200);
    assert_eq!(srv.get_floor("7"), ok("7", "12.25", "12250000000000000000"));
    assert_eq!(srv.post("7/floor?price=1e5"), 400);
    assert_eq!(srv.post("7/floor?price=0.000000000000000001"), 200);
    assert_eq!(srv.get_floor("7"), ok("7", "0.000000000000000001", "1"));
    assert_eq!(srv.post("s/script?prices=20%2C19.5&interval_ms=600000"), 200);
    assert_eq!(srv.get_floor("s"), ok("s", "20", E20));
    assert_eq!(srv.post("w/walk?start=20&step_bps=50&interval_ms=50&seed=3"), 200);
    std::thread::sleep(Duration::from_millis(200));
    let (status, body) = srv.get_floor("w");
    assert!(status == 200 && !body.contains(E20), "walk did not move: {body}");
    assert_eq!(srv.request("DELETE", "/collections/7"), (200, r#"{"ok":true}"#.into()));
    assert_eq!(srv.get_floor("7"), (404, UNKNOWN.into()));
    assert_eq!(srv.request("DELETE", "/collections/7").0, 404);
}

#[test]
fn fail_modes() {
    let srv = Server::start(&["--collection", "c=20"]);
    let normal = ok("c", "20", E20);
    let set = |mode: &str| assert_eq!(srv.post(&format!("c/fail?mode={mode}")), 200);

    set("status500");
    assert_eq!(srv.get_floor("c").0, 500);

    set("malformed");
    let (status, body) = srv.get_floor("c");
    assert!(status == 200 && body.len() < normal.1.len() && normal.1.starts_with(&body));

    set("huge");
    let (status, body) = srv.get_floor("c");
    assert_eq!((status, body.len()), (200, 2 * 1024 * 1024));

    set("slow&delay_ms=1200");
    let t = Instant::now();
    assert_eq!(srv.get_floor("c"), normal);
    assert!(t.elapsed() >= Duration::from_millis(1200), "{:?}", t.elapsed());

    set("slow"); // default 30 s: a client with a 1 s read timeout gives up.
    let t = Instant::now();
    let err = srv.try_request("GET", "/collections/c/floor", Duration::from_secs(1)).unwrap_err();
    let timed_out = matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut);
    assert!(timed_out && t.elapsed() >= Duration::from_secs(1), "{err} after {:?}", t.elapsed());

    set("off");
    assert_eq!(srv.get_floor("c"), normal);
    assert_eq!(srv.post("x/fail?mode=off"), 404);
}
