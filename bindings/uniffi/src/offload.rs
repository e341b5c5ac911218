//! The async variants run their work on a thread of their own and complete
//! when it is done: the Kotlin coroutine or Swift task that awaits them is
//! suspended meanwhile, so a long batch never blocks the caller's thread
//! (the main thread of an app). uniffi drives the future from the foreign
//! side; no async runtime is needed here.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;

type Outcome<T> = thread::Result<T>;

struct Slot<T> {
    outcome: Option<Outcome<T>>,
    waker: Option<Waker>,
}

/// Resolves with the result of the work once its thread has finished.
struct Done<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for Done<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        match slot.outcome.take() {
            Some(Ok(v)) => Poll::Ready(v),
            // A panic (a bug) is raised where uniffi polls, which reports it as an internal error.
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Runs `work` on a new thread; the returned future resolves with its result.
/// Where no thread can be started, the work runs at once on the caller's.
pub async fn offload<T, F>(work: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        outcome: None,
        waker: None,
    }));
    let shared = Arc::clone(&slot);
    let job = Arc::new(Mutex::new(Some(work)));
    let job2 = Arc::clone(&job);
    let spawned = thread::Builder::new().name("plaint-worker".into()).spawn(move || {
        let work = job2.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(work) = work {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            let mut s = shared.lock().unwrap_or_else(PoisonError::into_inner);
            s.outcome = Some(outcome);
            if let Some(w) = s.waker.take() {
                w.wake();
            }
        }
    });
    if spawned.is_err() {
        let work = job.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(work) = work {
            return work();
        }
    }
    Done { slot }.await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Wake;

    struct Flag(std::sync::atomic::AtomicBool);
    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.0.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// Polls a future to completion on this thread, as uniffi's foreign side does.
    fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let flag = Arc::new(Flag(false.into()));
        let waker = Waker::from(Arc::clone(&flag));
        let mut cx = Context::from_waker(&waker);
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
            while !flag.0.swap(false, std::sync::atomic::Ordering::SeqCst) {
                thread::yield_now();
            }
        }
    }

    #[test]
    fn the_work_runs_on_another_thread() {
        let caller = thread::current().id();
        let (worker, sum) = block_on(offload(|| (thread::current().id(), (1..=10).sum::<i32>())));
        assert_ne!(worker, caller);
        assert_eq!(sum, 55);
    }
}
