//! scratch (temporary)
use speech_ls::corpus::themes::fasthash::mixed_hash;
use speech_ls::corpus::themes::tokens::word_spans;
use std::collections::HashMap;
fn main() {
    let mut seen: HashMap<u64, String> = HashMap::new();
    let mut n = 0;
    for dir in ["/tmp/full/kremlin-bulk", "/tmp/full/kremlin-dev", "/tmp/full"] {
        let Ok(rd) = std::fs::read_dir(dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                for e2 in std::fs::read_dir(&p).unwrap().flatten() {
                    scan(&e2.path(), &mut seen, &mut n);
                }
            } else {
                scan(&p, &mut seen, &mut n);
            }
        }
    }
    println!("{} distinct words, {n} collisions", seen.len());
}
fn scan(p: &std::path::Path, seen: &mut HashMap<u64, String>, n: &mut usize) {
    if p.extension().and_then(|e| e.to_str()) != Some("txt") {
        return;
    }
    let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    for s in word_spans(&text) {
        let w = s.slice(&text);
        let key = mixed_hash(w.as_bytes());
        match seen.get(&key) {
            Some(o) if o != w => {
                *n += 1;
                if *n < 20 {
                    println!("{o:?} {w:?}");
                }
            }
            Some(_) => {}
            None => {
                seen.insert(key, w.to_string());
            }
        }
    }
}
