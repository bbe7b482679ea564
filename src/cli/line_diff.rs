//! A small unified line diff for `speech-ls index`, so that the user sees
//! what `--write` would change. Myers' algorithm after trimming the common
//! head and tail; updates to INDEX.md only insert lines, so the edit
//! distance stays small even in an index of 17,000 entries. Past a cap the
//! middle is shown as replaced wholesale rather than spending memory.

/// Lines of context around each change, as `diff -u`.
const CONTEXT: usize = 3;
/// Beyond this many differing lines the middle is not aligned line by line.
const MAX_EDIT_DISTANCE: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// The unified diff of `old` and `new` with the given file labels; empty
/// when they are equal.
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff_lines(&a, &b);
    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
    let changed: Vec<usize> =
        ops.iter().enumerate().filter(|(_, op)| !matches!(op, Op::Equal(..))).map(|(i, _)| i).collect();
    let mut i = 0;
    while i < changed.len() {
        // A hunk spans changes closer than twice the context to each other.
        let mut j = i;
        while j + 1 < changed.len() && changed[j + 1] - changed[j] <= 2 * CONTEXT + 1 {
            j += 1;
        }
        let start = changed[i].saturating_sub(CONTEXT);
        let end = (changed[j] + CONTEXT + 1).min(ops.len());
        out.push_str(&hunk(&ops[start..end], &ops[..start], &a, &b));
        i = j + 1;
    }
    out
}

fn hunk(ops: &[Op], before: &[Op], a: &[&str], b: &[&str]) -> String {
    let old_start = before.iter().filter(|o| !matches!(o, Op::Insert(_))).count();
    let new_start = before.iter().filter(|o| !matches!(o, Op::Delete(_))).count();
    let old_len = ops.iter().filter(|o| !matches!(o, Op::Insert(_))).count();
    let new_len = ops.iter().filter(|o| !matches!(o, Op::Delete(_))).count();
    // `diff -u` numbers an empty side by the line before it.
    let first = |start: usize, len: usize| if len == 0 { start } else { start + 1 };
    let mut out = format!("@@ -{},{old_len} +{},{new_len} @@\n", first(old_start, old_len), first(new_start, new_len));
    for op in ops {
        let (sign, line) = match *op {
            Op::Equal(i, _) => (' ', a[i]),
            Op::Delete(i) => ('-', a[i]),
            Op::Insert(j) => ('+', b[j]),
        };
        out.push(sign);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
    out
}

fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<Op> = (0..head).map(|i| Op::Equal(i, i)).collect();
    let middle =
        myers(ma, mb).unwrap_or_else(|| (0..ma.len()).map(Op::Delete).chain((0..mb.len()).map(Op::Insert)).collect());
    ops.extend(middle.into_iter().map(|op| match op {
        Op::Equal(i, j) => Op::Equal(i + head, j + head),
        Op::Delete(i) => Op::Delete(i + head),
        Op::Insert(j) => Op::Insert(j + head),
    }));
    ops.extend((0..tail).map(|t| Op::Equal(a.len() - tail + t, b.len() - tail + t)));
    ops
}

/// Myers' shortest edit script; `None` past `MAX_EDIT_DISTANCE`. Each step
/// keeps only the diagonals it can reach, so memory is about D².
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    // trace[d] holds v[-(d+1)..=d+1] as it was before step d.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let at = |k: isize| (k + offset) as usize;
    'search: for d in 0..=max as isize {
        if d as usize > MAX_EDIT_DISTANCE {
            return None;
        }
        trace.push(v[at(-d - 1)..=at(d + 1)].to_vec());
        let mut k = -d;
        while k <= d {
            let mut x =
                if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) { v[at(k + 1)] } else { v[at(k - 1)] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                break 'search;
            }
            k += 2;
        }
    }
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, window) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let get = |k: isize| window[(k + d + 1) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && get(k - 1) < get(k + 1)) { k + 1 } else { k - 1 };
        let prev_x = get(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Equal((x - 1) as usize, (y - 1) as usize));
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            if x == prev_x {
                ops.push(Op::Insert((y - 1) as usize));
            } else {
                ops.push(Op::Delete((x - 1) as usize));
            }
        }
        x = prev_x;
        y = prev_y;
    }
    ops.reverse();
    Some(ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_make_small_hunks_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nb\nX\nc\nd\ne\nf\ng\nh\ni\nY\nj\n";
        expect_test::expect![[r#"
            --- a/INDEX.md
            +++ b/INDEX.md
            @@ -1,5 +1,6 @@
             a
             b
            +X
             c
             d
             e
            @@ -7,4 +8,5 @@
             g
             h
             i
            +Y
             j
        "#]]
        .assert_eq(&unified_diff(old, new, "a/INDEX.md", "b/INDEX.md"));
    }

    #[test]
    fn replacements_and_missing_final_newline() {
        let diff = unified_diff("one\ntwo", "one\nthree\n", "a", "b");
        expect_test::expect![[r#"
            --- a
            +++ b
            @@ -1,2 +1,2 @@
             one
            -two
            \ No newline at end of file
            +three
        "#]]
        .assert_eq(&diff);
        assert_eq!(unified_diff("same\n", "same\n", "a", "b"), "");
        assert!(unified_diff("", "new\n", "a", "b").contains("@@ -0,0 +1,1 @@\n+new\n"));
    }
}
