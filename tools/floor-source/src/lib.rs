//! # floor-source: the local floor-price source of Floorperp
//!
//! A tiny HTTP/1.1 server (std only) that stands in for an NFT marketplace API
//! (Reservoir-like) in tests and demos. The offchain worker reads either the JSON pointer
//! `/collection/floorAsk/price/amount/decimal` (a JSON number) or
//! `/collection/floorAsk/price/amount/raw` (wei as a decimal string, 18 decimals).
//!
//! Endpoints (`{id}` is made of `[A-Za-z0-9._:-]`; bad parameters answer 400):
//!
//! - `GET /collections/{id}/floor`: 200 with the floor JSON ([`floor_json`]), e.g.
//!   `{"collection":{"id":"0","floorAsk":{"price":{"amount":{"decimal":20.5,`
//!   `"raw":"20500000000000000000"},"currency":{"symbol":"WETH"}}}}}`;
//!   404 `{"error":"unknown collection"}`.
//! - `POST /collections/{id}/floor?price=12.25`: fixed floor (up to 18 decimals, exact).
//! - `POST /collections/{id}/walk?start=20&step_bps=50&interval_ms=2000&seed=1`:
//!   deterministic random walk ([`Walk`]).
//! - `POST /collections/{id}/script?prices=20,19.5,19&interval_ms=2000`: one price per
//!   interval, then stays at the last one.
//! - `POST /collections/{id}/fail?mode=status500|malformed|slow|huge|off[&delay_ms=30000]`:
//!   bad answers for tests ([`FailMode`]); `off` restores normal answers.
//! - `DELETE /collections/{id}`: remove the collection.
//! - `GET /health`: 200 `ok`.
//!
//! The three `POST` price endpoints answer with the current floor JSON. Setting a new price
//! source keeps the collection's fail mode; `DELETE` forgets both. All logic lives in the
//! pure function [`handle`]; `main.rs` only does sockets and the CLI.

use std::collections::BTreeMap;

/// Decimals of a price: `raw` is the price in wei (10^-18 units).
pub const DECIMALS: usize = 18;
/// Wei per whole unit (10^18).
pub const WEI_PER_UNIT: u128 = 1_000_000_000_000_000_000;
/// Exact body length of a `huge` answer (2 MiB).
pub const HUGE_BODY_LEN: usize = 2 * 1024 * 1024;
/// Default delay of the `slow` fail mode, in milliseconds.
pub const DEFAULT_SLOW_MS: u64 = 30_000;

/// Parses a non-negative decimal string (`"20"`, `"20.5"`, at most 18 decimals) into wei,
/// exactly (no floating point). Rejects signs, exponents, `".5"`, `"5."` and overflow.
pub fn parse_wei(s: &str) -> Result<u128, String> {
    let err =
        || format!("invalid decimal {s:?} (want digits[.digits], at most {DECIMALS} decimals)");
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) || frac.len() > DECIMALS {
        return Err(err());
    }
    if s.contains('.') && frac.is_empty() {
        return Err(err());
    }
    let digits = |p: &str| {
        p.bytes().try_fold(0u128, |acc, b| acc.checked_mul(10)?.checked_add(u128::from(b - b'0')))
    };
    let int = digits(int).ok_or_else(err)?;
    let frac = digits(frac).ok_or_else(err)? * 10u128.pow((DECIMALS - frac.len()) as u32);
    int.checked_mul(WEI_PER_UNIT).and_then(|w| w.checked_add(frac)).ok_or_else(err)
}

/// Formats wei as the shortest exact decimal string (`20500000000000000000` -> `"20.5"`).
pub fn format_decimal(wei: u128) -> String {
    let (int, frac) = (wei / WEI_PER_UNIT, wei % WEI_PER_UNIT);
    if frac == 0 {
        return int.to_string();
    }
    let frac = format!("{frac:018}");
    format!("{int}.{}", frac.trim_end_matches('0'))
}

/// Xorshift64 PRNG (Marsaglia): deterministic for a given seed; seed 0 is replaced by a constant.
#[derive(Clone, Debug)]
pub struct XorShift64(u64);

impl XorShift64 {
    /// A generator seeded with `seed` (0 would be a fixed point, so it maps to a constant).
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }
    /// The next pseudo-random value.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// `floor(price * bps / 10_000)` without overflow for `bps <= 10_000`.
fn mul_bps(price: u128, bps: u32) -> u128 {
    let bps = u128::from(bps);
    price / 10_000 * bps + price % 10_000 * bps / 10_000
}

/// A random walk: every `interval_ms` since `start_ms` the price moves up or down (coin flip
/// from [`XorShift64`]) by `floor(price * step_bps / 10_000)` wei, never below 1 wei.
/// Steps are applied lazily when the price is read, so the path only depends on the seed.
#[derive(Clone, Debug)]
pub struct Walk {
    price: u128,
    step_bps: u32,
    interval_ms: u64,
    start_ms: u64,
    steps: u64,
    rng: XorShift64,
}

impl Walk {
    /// A walk starting at `start` wei (clamped to >= 1) at time `now_ms`.
    /// `step_bps` is clamped to 10_000 and `interval_ms` to >= 1.
    pub fn new(start: u128, step_bps: u32, interval_ms: u64, seed: u64, now_ms: u64) -> Self {
        let (step_bps, interval_ms) = (step_bps.min(10_000), interval_ms.max(1));
        Self {
            price: start.max(1),
            step_bps,
            interval_ms,
            start_ms: now_ms,
            steps: 0,
            rng: XorShift64::new(seed),
        }
    }
    /// The price at `now_ms`, applying the steps due since the last read.
    pub fn price_at(&mut self, now_ms: u64) -> u128 {
        let due = now_ms.saturating_sub(self.start_ms) / self.interval_ms;
        while self.steps < due {
            let delta = mul_bps(self.price, self.step_bps);
            self.price = if self.rng.next_u64() >> 63 == 0 {
                self.price.saturating_add(delta)
            } else {
                self.price.saturating_sub(delta).max(1)
            };
            self.steps += 1;
        }
        self.price
    }
}

/// Where a collection's floor comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A fixed price in wei.
    Fixed(u128),
    /// A deterministic random walk.
    Walk(Walk),
    /// `prices[k]` during the k-th interval after `start_ms`, then the last price forever.
    Script {
        /// Prices in wei (non-empty).
        prices: Vec<u128>,
        /// Length of one step, in milliseconds (>= 1).
        interval_ms: u64,
        /// When the script started.
        start_ms: u64,
    },
}

impl Source {
    /// The floor in wei at `now_ms`.
    pub fn price_at(&mut self, now_ms: u64) -> u128 {
        match self {
            Source::Fixed(p) => *p,
            Source::Walk(w) => w.price_at(now_ms),
            Source::Script { prices, interval_ms, start_ms } => {
                let k = now_ms.saturating_sub(*start_ms) / (*interval_ms).max(1);
                prices[usize::try_from(k).unwrap_or(usize::MAX).min(prices.len() - 1)]
            }
        }
    }
}

/// How `GET /collections/{id}/floor` misbehaves, for tests of bad input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FailMode {
    /// Normal answers.
    #[default]
    Off,
    /// HTTP 500 with a JSON error body.
    Status500,
    /// HTTP 200 with truncated (invalid) JSON.
    Malformed,
    /// The normal answer, sent after `delay_ms` milliseconds.
    Slow {
        /// Delay before answering.
        delay_ms: u64,
    },
    /// HTTP 200 with a valid floor JSON padded to exactly [`HUGE_BODY_LEN`] bytes.
    Huge,
}

/// One served collection.
#[derive(Clone, Debug)]
pub struct Collection {
    /// Price source.
    pub source: Source,
    /// Current fail mode.
    pub fail: FailMode,
}

/// Server state: the collections by id.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Collections by id.
    pub collections: BTreeMap<String, Collection>,
}

/// An HTTP answer produced by [`handle`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type` header value.
    pub content_type: &'static str,
    /// Body.
    pub body: String,
    /// How long the server waits before writing the answer (the `slow` fail mode).
    pub delay_ms: u64,
}

impl Response {
    fn json(status: u16, body: String) -> Self {
        Self { status, content_type: "application/json", body, delay_ms: 0 }
    }
    fn error(status: u16, msg: &str) -> Self {
        Self::json(status, format!("{{\"error\":\"{msg}\"}}"))
    }
}

/// The Reservoir-like floor JSON for collection `id` at `wei` (example in the crate docs).
pub fn floor_json(id: &str, wei: u128) -> String {
    let decimal = format_decimal(wei);
    format!(
        "{{\"collection\":{{\"id\":\"{id}\",\"floorAsk\":{{\"price\":{{\"amount\":\
         {{\"decimal\":{decimal},\"raw\":\"{wei}\"}},\"currency\":{{\"symbol\":\"WETH\"}}}}}}}}}}"
    )
}

/// Decodes `%XX` escapes and `+` (as space) in a query component.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let (mut out, mut i) = (Vec::with_capacity(b.len()), 0);
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        let (byte, len) = match (b[i], hex) {
            (b'%', Some(v)) => (v, 3),
            (b'+', _) => (b' ', 1),
            (c, _) => (c, 1),
        };
        out.push(byte);
        i += len;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn param<'a>(q: &'a [(String, String)], name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn num<T: std::str::FromStr>(
    q: &[(String, String)],
    name: &str,
    default: Option<T>,
) -> Result<T, Response> {
    match (param(q, name), default) {
        (None, Some(d)) => Ok(d),
        (Some(v), _) => v.parse().map_err(|_| Response::error(400, &format!("invalid {name}"))),
        (None, None) => Err(Response::error(400, &format!("missing {name}"))),
    }
}

fn price(q: &[(String, String)], name: &str) -> Result<u128, Response> {
    parse_wei(param(q, name).ok_or_else(|| Response::error(400, &format!("missing {name}")))?)
        .map_err(|_| Response::error(400, &format!("invalid {name}")))
}

/// Routes one request. `path` excludes the query string, `query` is the raw part after `?`
/// (may be empty), `now_ms` is a monotonic clock. Pure apart from mutating `state`.
pub fn handle(state: &mut State, method: &str, path: &str, query: &str, now_ms: u64) -> Response {
    route(state, method, path, query, now_ms).unwrap_or_else(|e| e)
}

fn route(
    state: &mut State,
    method: &str,
    path: &str,
    query: &str,
    now: u64,
) -> Result<Response, Response> {
    if path == "/health" {
        return match method {
            "GET" => Ok(Response {
                status: 200,
                content_type: "text/plain",
                body: "ok".into(),
                delay_ms: 0,
            }),
            _ => Err(Response::error(405, "method not allowed")),
        };
    }
    let rest =
        path.strip_prefix("/collections/").ok_or_else(|| Response::error(404, "not found"))?;
    let (id, action) = rest.split_once('/').map_or((rest, None), |(i, a)| (i, Some(a)));
    let id_ok =
        !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b));
    if !id_ok {
        return Err(Response::error(404, "not found"));
    }
    let q: Vec<(String, String)> = query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect();
    let source = match (method, action) {
        ("GET", Some("floor")) => {
            let c = state
                .collections
                .get_mut(id)
                .ok_or_else(|| Response::error(404, "unknown collection"))?;
            let body = floor_json(id, c.source.price_at(now));
            return Ok(match c.fail {
                FailMode::Off => Response::json(200, body),
                FailMode::Status500 => Response::error(500, "internal error"),
                FailMode::Malformed => Response::json(200, body[..body.len() / 2].to_string()),
                FailMode::Slow { delay_ms } => Response { delay_ms, ..Response::json(200, body) },
                FailMode::Huge => {
                    let head = format!("{},\"padding\":\"", &body[..body.len() - 1]);
                    let pad = "x".repeat(HUGE_BODY_LEN.saturating_sub(head.len() + 2));
                    Response::json(200, format!("{head}{pad}\"}}"))
                }
            });
        }
        ("POST", Some("floor")) => Source::Fixed(price(&q, "price")?),
        ("POST", Some("walk")) => {
            let (start, step_bps) = (price(&q, "start")?, num(&q, "step_bps", Some(50u32))?);
            let (interval_ms, seed) =
                (num(&q, "interval_ms", Some(2000u64))?, num(&q, "seed", Some(1u64))?);
            if start == 0 || step_bps > 10_000 || interval_ms == 0 {
                return Err(Response::error(
                    400,
                    "need start > 0, step_bps <= 10000, interval_ms > 0",
                ));
            }
            Source::Walk(Walk::new(start, step_bps, interval_ms, seed, now))
        }
        ("POST", Some("script")) => {
            let list = param(&q, "prices").ok_or_else(|| Response::error(400, "missing prices"))?;
            let prices = list.split(',').map(parse_wei).collect::<Result<Vec<_>, _>>();
            let prices = prices.map_err(|_| Response::error(400, "invalid prices"))?;
            let interval_ms = num(&q, "interval_ms", Some(2000u64))?;
            if interval_ms == 0 {
                return Err(Response::error(400, "need interval_ms > 0"));
            }
            Source::Script { prices, interval_ms, start_ms: now }
        }
        ("POST", Some("fail")) => {
            let fail = match param(&q, "mode") {
                Some("off") => FailMode::Off,
                Some("status500") => FailMode::Status500,
                Some("malformed") => FailMode::Malformed,
                Some("slow") => {
                    FailMode::Slow { delay_ms: num(&q, "delay_ms", Some(DEFAULT_SLOW_MS))? }
                }
                Some("huge") => FailMode::Huge,
                _ => return Err(Response::error(400, "invalid mode")),
            };
            let c = state
                .collections
                .get_mut(id)
                .ok_or_else(|| Response::error(404, "unknown collection"))?;
            c.fail = fail;
            return Ok(Response::json(200, "{\"ok\":true}".into()));
        }
        ("DELETE", None) => {
            state
                .collections
                .remove(id)
                .ok_or_else(|| Response::error(404, "unknown collection"))?;
            return Ok(Response::json(200, "{\"ok\":true}".into()));
        }
        (_, None | Some("floor" | "walk" | "script" | "fail")) => {
            return Err(Response::error(405, "method not allowed"))
        }
        _ => return Err(Response::error(404, "not found")),
    };
    let c = state
        .collections
        .entry(id.to_string())
        .or_insert(Collection { source: source.clone(), fail: FailMode::Off });
    c.source = source;
    Ok(Response::json(200, floor_json(id, c.source.price_at(now))))
}

/// Applies one CLI `--collection` spec at time 0: `ID=PRICE`,
/// `ID=walk:START:STEP_BPS:INTERVAL_MS:SEED` or `ID=script:P1,P2,...:INTERVAL_MS`.
pub fn apply_cli_collection(state: &mut State, spec: &str) -> Result<(), String> {
    let (id, src) =
        spec.split_once('=').ok_or_else(|| format!("bad --collection {spec:?}: want ID=..."))?;
    let parts: Vec<&str> = src.split(':').collect();
    let (action, query) = match parts.as_slice() {
        [p] => ("floor", format!("price={p}")),
        ["walk", s, b, i, seed] => {
            ("walk", format!("start={s}&step_bps={b}&interval_ms={i}&seed={seed}"))
        }
        ["script", p, i] => ("script", format!("prices={p}&interval_ms={i}")),
        _ => return Err(format!("bad --collection {spec:?}")),
    };
    let r = handle(state, "POST", &format!("/collections/{id}/{action}"), &query, 0);
    if r.status == 200 {
        Ok(())
    } else {
        Err(format!("bad --collection {spec:?}: {}", r.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const E18: u128 = WEI_PER_UNIT;

    /// `(status, body)` of `method target` at `now`.
    fn req(s: &mut State, method: &str, target: &str, now: u64) -> (u16, String) {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let r = handle(s, method, path, query, now);
        (r.status, r.body)
    }

    fn ok(id: &str, decimal: &str) -> (u16, String) {
        (200, floor_json(id, parse_wei(decimal).unwrap()))
    }

    #[test]
    fn parse_wei_accepts_exact_decimals() {
        assert_eq!(parse_wei("20"), Ok(20 * E18));
        assert_eq!(parse_wei("20.5"), Ok(20 * E18 + E18 / 2));
        assert_eq!(parse_wei("0.000000000000000001"), Ok(1));
        assert_eq!(parse_wei("12.25"), Ok(12_250_000_000_000_000_000));
        assert_eq!(parse_wei("0"), Ok(0));
        assert_eq!(parse_wei("340282366920938463463.374607431768211455"), Ok(u128::MAX));
    }

    #[test]
    fn parse_wei_rejects_bad_input() {
        let bad = "-1|abc|1e5||.5|5.|+1| 1|1.2.3|0.0000000000000000001|340282366920938463464";
        for s in bad.split('|') {
            assert!(parse_wei(s).is_err(), "{s:?} accepted");
        }
    }

    #[test]
    fn format_decimal_is_shortest_exact() {
        let good = "0 20 20.5 12.25 0.000000000000000001 340282366920938463463.374607431768211455";
        for s in good.split(' ') {
            assert_eq!(format_decimal(parse_wei(s).unwrap()), s);
        }
        assert_eq!(format_decimal(parse_wei("20.50").unwrap()), "20.5");
    }

    #[test]
    fn floor_json_has_reservoir_shape() {
        let want = concat!(
            r#"{"collection":{"id":"0","floorAsk":{"price":{"amount":"#,
            r#"{"decimal":20.5,"raw":"20500000000000000000"},"currency":{"symbol":"WETH"}}}}}"#
        );
        assert_eq!(floor_json("0", 20 * E18 + E18 / 2), want);
    }

    #[test]
    fn xorshift_is_deterministic_and_seed_zero_is_not_stuck() {
        let (mut a, mut b, mut z) = (XorShift64::new(42), XorShift64::new(42), XorShift64::new(0));
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        assert_eq!(xs, (0..8).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_ne!(xs, (0..8).map(|_| XorShift64::new(43).next_u64()).collect::<Vec<_>>());
        assert!((0..8).all(|_| z.next_u64() != 0));
    }

    fn path(seed: u64, start: u128, bps: u32, n: u64) -> Vec<u128> {
        let mut w = Walk::new(start, bps, 100, seed, 1_000);
        (0..=n).map(|k| w.price_at(1_000 + k * 100)).collect()
    }

    #[test]
    fn walk_is_deterministic_and_moves_by_exactly_step_bps() {
        let p = path(1, 20 * E18, 50, 200);
        assert_eq!(p, path(1, 20 * E18, 50, 200));
        assert_ne!(p, path(2, 20 * E18, 50, 200));
        assert_eq!(p[0], 20 * E18);
        let ups = p.windows(2).filter(|w| w[1] == w[0] + w[0] * 50 / 10_000).count();
        let downs = p.windows(2).filter(|w| w[1] == w[0] - w[0] * 50 / 10_000).count();
        assert_eq!(ups + downs, 200, "some step was not exactly +-50 bps");
        assert!(ups > 50 && downs > 50, "ups {ups} downs {downs}");
        // Lazy catch-up gives the same path as reading every step.
        let mut w = Walk::new(20 * E18, 50, 100, 1, 1_000);
        assert_eq!(w.price_at(1_000 + 200 * 100 + 99), p[200]);
    }

    #[test]
    fn walk_never_goes_below_one_wei() {
        for seed in 1..20 {
            let p = path(seed, 3, 10_000, 300);
            assert!(p.iter().all(|&x| x >= 1));
            assert!(p.contains(&1), "seed {seed} never reached the floor");
        }
        assert_eq!(Walk::new(0, 50, 100, 1, 0).price_at(0), 1);
    }

    #[test]
    fn script_cycles_then_stays_at_last() {
        let mut s = State::default();
        let set = "/collections/7/script?prices=20%2C19.5,19,18&interval_ms=1000";
        assert_eq!(req(&mut s, "POST", set, 5_000), ok("7", "20"));
        let steps = [(5_999, "20"), (6_000, "19.5"), (7_500, "19"), (8_000, "18"), (99_000, "18")];
        for (t, want) in steps {
            assert_eq!(req(&mut s, "GET", "/collections/7/floor", t), ok("7", want), "t={t}");
        }
    }

    #[test]
    fn routing_set_get_delete_and_errors() {
        let mut s = State::default();
        assert_eq!(req(&mut s, "GET", "/health", 0), (200, "ok".into()));
        let unknown = (404, r#"{"error":"unknown collection"}"#.to_string());
        assert_eq!(req(&mut s, "GET", "/collections/0/floor", 0), unknown);
        assert_eq!(req(&mut s, "POST", "/collections/0/floor?price=12.25", 0), ok("0", "12.25"));
        let bad = "floor?price=-1 floor walk?start=0 walk?start=1&step_bps=10001 \
                   walk?start=1&interval_ms=0 script?prices=1,x fail?mode=nope";
        for b in bad.split(' ') {
            assert_eq!(req(&mut s, "POST", &format!("/collections/0/{b}"), 0).0, 400, "{b}");
        }
        assert_eq!(req(&mut s, "GET", "/collections/0/floor", 0), ok("0", "12.25"));
        assert_eq!(req(&mut s, "PUT", "/collections/0/floor", 0).0, 405);
        assert_eq!(req(&mut s, "POST", "/health", 0).0, 405);
        for path in ["/nope", "/collections/0/nope", "/collections/a%22b/floor"] {
            assert_eq!(req(&mut s, "GET", path, 0).0, 404, "{path}");
        }
        assert_eq!(req(&mut s, "DELETE", "/collections/0", 0), (200, r#"{"ok":true}"#.into()));
        assert_eq!(req(&mut s, "GET", "/collections/0/floor", 0), unknown);
        assert_eq!(req(&mut s, "DELETE", "/collections/0", 0), unknown);
        assert_eq!(req(&mut s, "POST", "/collections/0/fail?mode=off", 0), unknown);
    }

    #[test]
    fn fail_modes() {
        let mut s = State::default();
        req(&mut s, "POST", "/collections/c/floor?price=20", 0);
        let normal = floor_json("c", 20 * E18);
        let get = |s: &mut State, mode: &str| {
            assert_eq!(req(s, "POST", &format!("/collections/c/fail?mode={mode}"), 0).0, 200);
            handle(s, "GET", "/collections/c/floor", "", 0)
        };
        assert_eq!(get(&mut s, "status500").status, 500);
        let r = get(&mut s, "malformed");
        assert!(r.status == 200 && normal.starts_with(&r.body) && r.body.len() < normal.len());
        let r = get(&mut s, "slow");
        assert_eq!((r.body.as_str(), r.delay_ms), (normal.as_str(), DEFAULT_SLOW_MS));
        assert_eq!(get(&mut s, "slow&delay_ms=1200").delay_ms, 1200);
        let r = get(&mut s, "huge");
        assert_eq!(r.body.len(), HUGE_BODY_LEN);
        assert!(r.body.starts_with(&normal[..normal.len() - 1]) && r.body.ends_with("xx\"}"));
        // The fail mode survives a new price; `off` restores normal answers.
        req(&mut s, "POST", "/collections/c/floor?price=21", 0);
        assert_eq!(req(&mut s, "GET", "/collections/c/floor", 0).1.len(), HUGE_BODY_LEN);
        assert_eq!(get(&mut s, "off"), Response::json(200, floor_json("c", 21 * E18)));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("20%2C19.5+x%zz%4"), "20,19.5 x%zz%4");
    }

    #[test]
    fn cli_specs() {
        let mut s = State::default();
        for spec in ["0=20", "1=walk:20:50:2000:1", "2=script:3,2,1:10"] {
            apply_cli_collection(&mut s, spec).unwrap();
        }
        assert_eq!(req(&mut s, "GET", "/collections/0/floor", 0), ok("0", "20"));
        assert_eq!(req(&mut s, "GET", "/collections/1/floor", 0), ok("1", "20"));
        assert_ne!(req(&mut s, "GET", "/collections/1/floor", 2000), ok("1", "20"));
        assert_eq!(req(&mut s, "GET", "/collections/2/floor", 25), ok("2", "1"));
        for bad in ["0", "0=x", "0=walk:20:50", "0=walk:20:50:0:1", "=20", "0=script:1:0"] {
            assert!(apply_cli_collection(&mut s, bad).is_err(), "{bad}");
        }
    }
}
