//! Small thread-safe LRU cache of query embeddings, keyed by the exact text.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;

/// Least-recently-used map from query text to its embedding.
pub(crate) struct QueryCache {
    inner: Mutex<LruCache<String, Arc<Vec<f32>>>>,
}

impl QueryCache {
    /// A cache holding at most `capacity` entries (at least one).
    pub fn new(capacity: usize) -> Self {
        let cap = NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN);
        Self {
            inner: Mutex::new(LruCache::new(cap)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<String, Arc<Vec<f32>>>> {
        // A panic while holding the lock cannot leave the map inconsistent.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached embedding of `text`, marking it recently used.
    pub fn get(&self, text: &str) -> Option<Arc<Vec<f32>>> {
        self.lock().get(text).cloned()
    }

    /// Stores the embedding of `text`, evicting the least recently used entry if full.
    pub fn put(&self, text: &str, embedding: Arc<Vec<f32>>) {
        self.lock().put(text.to_owned(), embedding);
    }

    /// Number of cached entries.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_least_recently_used() {
        let c = QueryCache::new(2);
        c.put("a", Arc::new(vec![1.0]));
        c.put("b", Arc::new(vec![2.0]));
        assert!(c.get("a").is_some());
        c.put("c", Arc::new(vec![3.0]));
        assert!(c.get("b").is_none());
        assert_eq!(c.get("a").as_deref(), Some(&vec![1.0]));
        assert_eq!(c.len(), 2);
    }
}
