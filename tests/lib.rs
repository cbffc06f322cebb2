//! End-to-end tests live in `e2e/`: they build and run the real `agentctl` and
//! `agentd` binaries against real PostgreSQL and Redis.
