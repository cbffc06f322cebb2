//! Finding the files to ingest: files named directly, and every supported file
//! under named directories (recursively, in sorted order, skipping hidden entries).

use std::fs;
use std::path::{Path, PathBuf};

use super::file::FileFormat;
use super::{FoundFile, ParseError};

/// Files found so far and the paths that could not be used.
type Found = (Vec<FoundFile>, Vec<(PathBuf, ParseError)>);

/// Finds the supported files under `paths`, in a deterministic order.
///
/// A file argument is stored under its file name; a file found under a directory
/// argument under its path relative to that directory, with `/` separators. Hidden
/// files and directories (name starting with `.`) inside directories are skipped.
/// Unsupported files come back as [`ParseError::Unsupported`] and missing or
/// unreadable paths as [`ParseError::Io`], so the caller can count them as skipped.
pub fn discover_files(paths: &[PathBuf]) -> (Vec<FoundFile>, Vec<(PathBuf, ParseError)>) {
    let mut found: Found = (Vec::new(), Vec::new());
    for path in paths {
        match fs::metadata(path) {
            Err(e) => found.1.push((path.clone(), ParseError::Io(e))),
            Ok(meta) if meta.is_dir() => walk_dir(path, path, &mut found),
            Ok(_) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.to_string_lossy().into_owned());
                add_file(path, name, &mut found);
            }
        }
    }
    found
}

/// Adds one file, or its unsupported-type error.
fn add_file(path: &Path, source: String, found: &mut Found) {
    match FileFormat::of(path) {
        Ok(_) => found.0.push(FoundFile {
            path: path.to_path_buf(),
            source,
        }),
        Err(e) => found.1.push((path.to_path_buf(), e)),
    }
}

/// Walks `dir` depth-first with entries sorted by name. Symlinked directories are
/// not followed (to stay clear of cycles); symlinked files are.
fn walk_dir(root: &Path, dir: &Path, found: &mut Found) {
    let entries = match sorted_entries(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.1.push((dir.to_path_buf(), ParseError::Io(e)));
            return;
        }
    };
    for (path, is_symlink) in entries {
        if is_hidden(&path) {
            continue;
        }
        match fs::metadata(&path) {
            Err(e) => found.1.push((path, ParseError::Io(e))),
            Ok(meta) if meta.is_dir() => {
                if is_symlink {
                    tracing::debug!(path = %path.display(), "not following symlinked directory");
                } else {
                    walk_dir(root, &path, found);
                }
            }
            Ok(meta) if meta.is_file() => add_file(&path, relative_source(root, &path), found),
            Ok(_) => {}
        }
    }
}

/// The entries of a directory sorted by file name, with whether each is a symlink.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let is_symlink = entry.file_type().is_ok_and(|t| t.is_symlink());
        entries.push((entry.path(), is_symlink));
    }
    entries.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    Ok(entries)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// `path` relative to `root`, joined with `/` whatever the platform.
fn relative_source(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
