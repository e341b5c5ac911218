//! A parallel map over a slice with scoped threads: the core is pure, so
//! cases can be assessed on every core at once. Order is kept.

use std::thread;

/// Below this many items a batch runs on the calling thread.
const SERIAL_BELOW: usize = 64;

pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    if workers < 2 || items.len() < SERIAL_BELOW {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(workers);
    let f = &f;
    thread::scope(|s| {
        // A chunk whose thread cannot be started runs here, after the others start.
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                (
                    part,
                    thread::Builder::new().spawn_scoped(s, move || part.iter().map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|(part, handle)| match handle {
                Ok(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => part.iter().map(f).collect(),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_above_and_below_the_threshold() {
        for n in [0usize, 5, 63, 64, 1000] {
            let items: Vec<usize> = (0..n).collect();
            let out = super::map(&items, |x| x * 2);
            assert_eq!(out, (0..n).map(|x| x * 2).collect::<Vec<_>>());
        }
    }
}
