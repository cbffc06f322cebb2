//! The layering itself: defaults, then a TOML file, then environment variables, each
//! merged into one TOML tree before it is deserialised into [`Config`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::Value;

use super::Config;

const ENV_PREFIX: &str = "FRONTDESK__";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config file {path}: {message}")]
    ParseFile { path: PathBuf, message: String },
    #[error("cannot read {var} from file {path}: {source}")]
    SecretFile {
        var: String,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid value for {var}: {message}")]
    Env { var: String, message: String },
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

/// Where the effective configuration came from, for `agentctl config check`.
#[derive(Debug, Clone, Default)]
pub struct ConfigSource {
    pub file: Option<PathBuf>,
    pub env_vars: Vec<String>,
}

pub(crate) fn process_env() -> BTreeMap<String, String> {
    std::env::vars().collect()
}

pub(crate) fn load(
    path: Option<&Path>,
    env: &BTreeMap<String, String>,
) -> Result<Config, ConfigError> {
    load_with_source(path, env).map(|(config, _)| config)
}

impl Config {
    /// Like [`Config::load`], also telling which file and variables were used.
    pub fn load_with_source(path: Option<&Path>) -> Result<(Self, ConfigSource), ConfigError> {
        load_with_source(path, &process_env())
    }

    /// Loads from an explicit environment map (tests).
    pub fn load_from_env(
        path: Option<&Path>,
        env: &BTreeMap<String, String>,
    ) -> Result<(Self, ConfigSource), ConfigError> {
        load_with_source(path, env)
    }
}

fn load_with_source(
    path: Option<&Path>,
    env: &BTreeMap<String, String>,
) -> Result<(Config, ConfigSource), ConfigError> {
    let defaults = Config::default();
    let mut tree = Value::try_from(&defaults).map_err(|e| ConfigError::Invalid(e.to_string()))?;
    // secrets serialise redacted: put the real default values back into the tree
    for (path, secret) in defaults.secrets() {
        let path: Vec<String> = path.split('.').map(str::to_string).collect();
        set_path(&mut tree, &path, secret.expose()).map_err(ConfigError::Invalid)?;
    }
    let mut source = ConfigSource::default();

    if let Some(file) = config_file(path, env) {
        let text = std::fs::read_to_string(&file).map_err(|source| ConfigError::ReadFile {
            path: file.clone(),
            source,
        })?;
        let parsed: Value = toml::from_str(&text).map_err(|e| ConfigError::ParseFile {
            path: file.clone(),
            message: e.to_string(),
        })?;
        merge(&mut tree, parsed);
        source.file = Some(file);
    }

    for (var, key_path, value) in env_overrides(env)? {
        set_path(&mut tree, &key_path, &value).map_err(|message| ConfigError::Env {
            var: var.clone(),
            message,
        })?;
        source.env_vars.push(var);
    }

    let config: Config = tree
        .try_into()
        .map_err(|e: toml::de::Error| ConfigError::Invalid(e.message().to_string()))?;
    Ok((config, source))
}

/// The explicit path, else `$FRONTDESK_CONFIG`, else `./frontdesk.toml` when it exists.
fn config_file(path: Option<&Path>, env: &BTreeMap<String, String>) -> Option<PathBuf> {
    if let Some(p) = path {
        return Some(p.to_path_buf());
    }
    if let Some(p) = env.get("FRONTDESK_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let local = PathBuf::from("frontdesk.toml");
    local.exists().then_some(local)
}

/// `(variable, key path, value)` for every variable that configures Frontdesk, with
/// `..._FILE` variables resolved to their file's contents (trailing newline trimmed).
fn env_overrides(
    env: &BTreeMap<String, String>,
) -> Result<Vec<(String, Vec<String>, String)>, ConfigError> {
    let mut out = Vec::new();
    for (var, raw) in env {
        let (name, from_file) = match var.strip_suffix("_FILE") {
            Some(stem) => (stem, true),
            None => (var.as_str(), false),
        };
        let key_path: Vec<String> = match name {
            "DATABASE_URL" => vec!["database".into(), "url".into()],
            "REDIS_URL" => vec!["redis".into(), "url".into()],
            _ => match name.strip_prefix(ENV_PREFIX) {
                Some(rest) if !rest.is_empty() => {
                    rest.split("__").map(|s| s.to_ascii_lowercase()).collect()
                }
                _ => continue,
            },
        };
        let value = if from_file {
            std::fs::read_to_string(raw)
                .map_err(|source| ConfigError::SecretFile {
                    var: var.clone(),
                    path: PathBuf::from(raw),
                    source,
                })?
                .trim_end_matches(['\n', '\r'])
                .to_string()
        } else {
            raw.clone()
        };
        out.push((var.clone(), key_path, value));
    }
    // plain variables win over `_FILE` ones set for the same key
    out.sort_by_key(|(var, _, _)| !var.ends_with("_FILE"));
    Ok(out)
}

fn merge(base: &mut Value, overlay: Value) {
    match (base, overlay) {
        (Value::Table(base), Value::Table(overlay)) => {
            for (k, v) in overlay {
                match base.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        base.insert(k, v);
                    }
                }
            }
        }
        (base, overlay) => *base = overlay,
    }
}

/// Sets `path` in the tree, coercing the string to the type of the default there.
fn set_path(tree: &mut Value, path: &[String], raw: &str) -> Result<(), String> {
    let (last, parents) = path.split_last().ok_or("empty key")?;
    let mut node = tree;
    for key in parents {
        let table = node
            .as_table_mut()
            .ok_or_else(|| format!("`{key}` is not a section"))?;
        node = table
            .entry(key.clone())
            .or_insert_with(|| Value::Table(Default::default()));
    }
    let table = node
        .as_table_mut()
        .ok_or_else(|| format!("`{}` is not a section", parents.join(".")))?;
    let value = coerce(table.get(last), raw)?;
    table.insert(last.clone(), value);
    Ok(())
}

fn coerce(existing: Option<&Value>, raw: &str) -> Result<Value, String> {
    Ok(match existing {
        Some(Value::Integer(_)) => Value::Integer(
            raw.trim()
                .parse()
                .map_err(|_| format!("`{raw}` is not an integer"))?,
        ),
        Some(Value::Float(_)) => Value::Float(
            raw.trim()
                .parse()
                .map_err(|_| format!("`{raw}` is not a number"))?,
        ),
        Some(Value::Boolean(_)) => Value::Boolean(match raw.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => true,
            "0" | "false" | "no" | "off" => false,
            _ => return Err(format!("`{raw}` is not a boolean")),
        }),
        Some(Value::Array(_)) => Value::Array(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
        Some(Value::Table(_)) => return Err("this names a section, not a key".into()),
        _ => Value::String(raw.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_then_file_then_env() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("frontdesk.toml");
        std::fs::write(
            &file,
            "[server]\nbind = \"0.0.0.0:9000\"\n[retrieval]\ntop_k = 5\n",
        )
        .unwrap();
        let (config, source) = Config::load_from_env(
            Some(&file),
            &env(&[
                ("FRONTDESK__RETRIEVAL__TOP_K", "4"),
                ("DATABASE_URL", "postgres://x@db/app"),
            ]),
        )
        .unwrap();
        assert_eq!(config.server.bind, "0.0.0.0:9000");
        assert_eq!(config.retrieval.top_k, 4);
        assert_eq!(config.database.url.expose(), "postgres://x@db/app");
        assert_eq!(config.redis.url.expose(), "redis://127.0.0.1:6379");
        assert_eq!(source.env_vars.len(), 2);
    }

    #[test]
    fn secrets_come_from_files() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("key");
        std::fs::write(&secret, "sk-test\n").unwrap();
        let (config, _) = Config::load_from_env(
            None,
            &env(&[(
                "FRONTDESK__EMBEDDING__OPENAI__API_KEY_FILE",
                secret.to_str().unwrap(),
            )]),
        )
        .unwrap();
        assert_eq!(config.embedding.openai.api_key.expose(), "sk-test");
        assert!(!config.to_redacted_toml().contains("sk-test"));
    }

    #[test]
    fn bad_values_are_named() {
        let err = Config::load_from_env(None, &env(&[("FRONTDESK__RETRIEVAL__TOP_K", "many")]))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid value for FRONTDESK__RETRIEVAL__TOP_K: `many` is not an integer"
        );
        let err =
            Config::load_from_env(None, &env(&[("FRONTDESK__SERVER__NOPE", "1")])).unwrap_err();
        assert!(err.to_string().contains("unknown field `nope`"), "{err}");
    }

    #[test]
    fn redacted_dump_hides_url_passwords() {
        let (config, _) = Config::load_from_env(
            None,
            &env(&[("DATABASE_URL", "postgres://u:topsecret@db/app")]),
        )
        .unwrap();
        let dump = config.to_redacted_toml();
        assert!(dump.contains("postgres://u:[redacted]@db/app"), "{dump}");
        assert!(!dump.contains("topsecret"));
    }
}
