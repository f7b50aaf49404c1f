// The serde-json profile's oracle: serde_json::to_string(&serde_json::from_str::<serde_json::Value>(text)?) with
// default features, built offline against Debian's librust-serde-json-dev. The body must first be a Rust &str:
// bytes that are not UTF-8 fail there, as they would for a caller of from_str. Reads one base64 body a line and
// writes {"serde-json": {"ok": base64} | {"err": "parse"|"encode"}} a line.
use std::io::{self, BufRead, Write};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn decode(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn result(body: &[u8]) -> String {
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(_) => return "{\"err\":\"parse\"}".to_string(),
    };
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(_) => "{\"err\":\"parse\"}".to_string(),
        Ok(v) => match serde_json::to_string(&v) {
            Ok(s) => format!("{{\"ok\":\"{}\"}}", encode(s.as_bytes())),
            Err(_) => "{\"err\":\"encode\"}".to_string(),
        },
    }
}

fn main() {
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout());
    for line in stdin.lock().lines() {
        let body = decode(line.expect("stdin").trim());
        writeln!(out, "{{\"serde-json\":{}}}", result(&body)).expect("stdout");
    }
}
