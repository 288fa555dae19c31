//! `floor-source` binary: CLI and the HTTP/1.1 server loop (one thread per connection,
//! `Connection: close`). All routing is in [`floor_source::handle`].

use floor_source::{apply_cli_collection, handle, Response, State};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: floor-source [--port PORT] [--collection SPEC]...
  PORT  default 8787; 0 picks a free port (printed on the first stdout line)
  SPEC  ID=PRICE | ID=walk:START:STEP_BPS:INTERVAL_MS:SEED | ID=script:P1,P2,..:INTERVAL_MS";
/// Largest accepted request head and body.
const MAX_REQUEST: usize = 64 * 1024;

fn main() {
    if let Err(e) = run() {
        eprintln!("floor-source: {e}\n{USAGE}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let (mut port, mut state) = (8787u16, State::default());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => port = value()?.parse().map_err(|_| "invalid --port".to_string())?,
            "--collection" => apply_cli_collection(&mut state, &value()?)?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("bind 127.0.0.1:{port}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let mut out = std::io::stdout();
    writeln!(out, "floor-source listening on {addr}")
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())?;
    // Walk/script time starts at 0 when the server starts, like the CLI collections.
    let (state, started) = (Arc::new(Mutex::new(state)), Instant::now());
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let state = Arc::clone(&state);
                std::thread::spawn(move || {
                    if let Err(e) = serve(stream, &state, started) {
                        eprintln!("floor-source: connection: {e}");
                    }
                });
            }
            Err(e) => eprintln!("floor-source: accept: {e}"),
        }
    }
    Ok(())
}

/// Reads one request, answers it and closes the connection.
fn serve(stream: TcpStream, state: &Mutex<State>, started: Instant) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?).take(MAX_REQUEST as u64);
    let (mut request_line, mut line, mut content_length) = (String::new(), String::new(), 0usize);
    reader.read_line(&mut request_line)?;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                content_length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    std::io::copy(&mut reader.by_ref().take(content_length as u64), &mut std::io::sink())?;
    let response = match request_line.split_whitespace().collect::<Vec<_>>().as_slice() {
        [method, target, version] if version.starts_with("HTTP/1.") => {
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            let now_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
            handle(&mut state, method, path, query, now_ms)
        }
        _ => Response {
            status: 400,
            content_type: "text/plain",
            body: "bad request".into(),
            delay_ms: 0,
        },
    };
    std::thread::sleep(Duration::from_millis(response.delay_ms));
    let reason = match response.status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.body.len()
    )?;
    stream.write_all(response.body.as_bytes())?;
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Write)
}
