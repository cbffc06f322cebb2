//! The request checks the real APIs make, so a client bug (roles out of order, a tool
//! call left without its result, a non-object `input`) fails in tests as it would in
//! production: with a 400 naming the problem.

use std::collections::BTreeSet;

use serde_json::Value;

type Checked = Result<(), String>;

/// Chat Completions: model, messages, tools, and every assistant `tool_calls` entry
/// answered by `tool` messages before the conversation moves on.
pub fn openai(body: &Value) -> Checked {
    non_empty_str(body, "model")?;
    temperature(body, 2.0)?;
    let messages = non_empty_array(body, "messages")?;
    let mut pending: BTreeSet<String> = BTreeSet::new();
    for (i, message) in messages.iter().enumerate() {
        let at = format!("messages.{i}");
        let role = message["role"].as_str().unwrap_or_default();
        if role != "tool" && !pending.is_empty() {
            return Err(format!(
                "{at}: tool_call_ids {pending:?} did not have response messages"
            ));
        }
        match role {
            "system" | "user" => {
                if !(message["content"].is_string() || message["content"].is_array()) {
                    return Err(format!("{at}.content: expected a string or an array"));
                }
            }
            "assistant" => {
                let calls = message.get("tool_calls").unwrap_or(&Value::Null);
                if !(message["content"].is_string()
                    || (message["content"].is_null() && calls.is_array()))
                {
                    return Err(format!(
                        "{at}.content: expected a string, or null with tool_calls"
                    ));
                }
                for (j, call) in calls.as_array().into_iter().flatten().enumerate() {
                    let at = format!("{at}.tool_calls.{j}");
                    let id = non_empty_str(call, "id").map_err(|e| format!("{at}.{e}"))?;
                    if call["type"] != "function" {
                        return Err(format!("{at}.type: expected \"function\""));
                    }
                    non_empty_str(&call["function"], "name")
                        .map_err(|e| format!("{at}.function.{e}"))?;
                    if !call["function"]["arguments"].is_string() {
                        return Err(format!("{at}.function.arguments: expected a string"));
                    }
                    pending.insert(id.to_string());
                }
            }
            "tool" => {
                let id = non_empty_str(message, "tool_call_id").map_err(|e| format!("{at}.{e}"))?;
                if !pending.remove(id) {
                    return Err(format!(
                        "{at}: tool message answers {id:?}, which no preceding assistant tool_calls entry is waiting for"
                    ));
                }
                if !message["content"].is_string() {
                    return Err(format!("{at}.content: expected a string"));
                }
            }
            other => return Err(format!("{at}.role: unknown role {other:?}")),
        }
    }
    if !pending.is_empty() {
        return Err(format!(
            "tool_call_ids {pending:?} did not have response messages"
        ));
    }
    if let Some(tools) = body.get("tools") {
        let tools = tools
            .as_array()
            .filter(|t| !t.is_empty())
            .ok_or("tools: expected a non-empty array")?;
        for (i, tool) in tools.iter().enumerate() {
            if tool["type"] != "function" {
                return Err(format!("tools.{i}.type: expected \"function\""));
            }
            non_empty_str(&tool["function"], "name")
                .map_err(|e| format!("tools.{i}.function.{e}"))?;
            if !tool["function"]["parameters"].is_object() {
                return Err(format!(
                    "tools.{i}.function.parameters: expected a JSON schema object"
                ));
            }
        }
    }
    Ok(())
}

/// Messages: model, max_tokens, alternating roles starting with user, non-empty text
/// blocks, object `input`s, tool blocks only in requests that define tools, and every
/// `tool_use` answered by a `tool_result` at the start of the next user message.
pub fn anthropic(body: &Value) -> Checked {
    non_empty_str(body, "model")?;
    if body["max_tokens"].as_u64().unwrap_or(0) == 0 {
        return Err("max_tokens: field required (a positive integer)".into());
    }
    temperature(body, 1.0)?;
    if let Some(system) = body.get("system") {
        if !(system.is_string() || system.is_array()) {
            return Err("system: expected a string or an array of text blocks".into());
        }
    }
    let messages = non_empty_array(body, "messages")?;
    let has_tools = body["tools"].as_array().is_some_and(|t| !t.is_empty());
    let mut expected_role = "user";
    let mut open_calls: BTreeSet<String> = BTreeSet::new();
    for (i, message) in messages.iter().enumerate() {
        let at = format!("messages.{i}");
        let role = message["role"].as_str().unwrap_or_default();
        if role != expected_role {
            return Err(format!(
                "{at}.role: expected {expected_role:?} (roles must alternate, starting with user), got {role:?}"
            ));
        }
        expected_role = if role == "user" { "assistant" } else { "user" };
        let blocks: Vec<Value> = match &message["content"] {
            Value::String(text) if !text.is_empty() => {
                vec![serde_json::json!({"type": "text", "text": text})]
            }
            Value::Array(blocks) if !blocks.is_empty() => blocks.clone(),
            _ => {
                return Err(format!(
                    "{at}.content: expected a non-empty string or array"
                ))
            }
        };
        let mut answered: BTreeSet<String> = BTreeSet::new();
        let mut seen_other = false;
        let mut new_calls: BTreeSet<String> = BTreeSet::new();
        for (j, block) in blocks.iter().enumerate() {
            let at = format!("{at}.content.{j}");
            let kind = block["type"].as_str().unwrap_or_default();
            if matches!(kind, "tool_use" | "tool_result") && !has_tools {
                return Err(format!(
                    "{at}: requests which include tool_use or tool_result blocks must define tools"
                ));
            }
            match (kind, role) {
                ("text", _) => {
                    if block["text"].as_str().unwrap_or_default().is_empty() {
                        return Err(format!("{at}.text: text content blocks must be non-empty"));
                    }
                    seen_other = true;
                }
                ("tool_use", "assistant") => {
                    let id = non_empty_str(block, "id").map_err(|e| format!("{at}.{e}"))?;
                    non_empty_str(block, "name").map_err(|e| format!("{at}.{e}"))?;
                    if !block["input"].is_object() {
                        return Err(format!("{at}.input: input should be a valid dictionary"));
                    }
                    new_calls.insert(id.to_string());
                }
                ("tool_result", "user") => {
                    if seen_other {
                        return Err(format!(
                            "{at}: tool_result blocks must come first in the user message"
                        ));
                    }
                    let id =
                        non_empty_str(block, "tool_use_id").map_err(|e| format!("{at}.{e}"))?;
                    if !open_calls.contains(id) {
                        return Err(format!(
                            "{at}: unexpected tool_use_id {id:?}: no such tool_use in the previous message"
                        ));
                    }
                    if !(block["content"].is_string() || block["content"].is_array()) {
                        return Err(format!("{at}.content: expected a string or an array"));
                    }
                    if block.get("is_error").is_some_and(|v| !v.is_boolean()) {
                        return Err(format!("{at}.is_error: expected a boolean"));
                    }
                    answered.insert(id.to_string());
                }
                (kind, role) => {
                    return Err(format!(
                        "{at}.type: {kind:?} is not allowed in a {role} message"
                    ))
                }
            }
        }
        if role == "user" {
            let missing: Vec<&String> = open_calls.difference(&answered).collect();
            if !missing.is_empty() {
                return Err(format!(
                    "{at}: tool_use ids {missing:?} were found without tool_result blocks immediately after"
                ));
            }
        }
        open_calls = new_calls;
    }
    if !open_calls.is_empty() {
        return Err(format!(
            "tool_use ids {open_calls:?} were found without tool_result blocks immediately after"
        ));
    }
    if let Some(tools) = body.get("tools") {
        let tools = tools.as_array().ok_or("tools: expected an array")?;
        for (i, tool) in tools.iter().enumerate() {
            non_empty_str(tool, "name").map_err(|e| format!("tools.{i}.{e}"))?;
            if !tool["input_schema"].is_object() {
                return Err(format!(
                    "tools.{i}.input_schema: field required (a JSON schema object)"
                ));
            }
        }
    }
    Ok(())
}

fn non_empty_str<'a>(value: &'a Value, field: &str) -> Result<&'a str, String> {
    value[field]
        .as_str()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| format!("{field}: expected a non-empty string"))
}

fn non_empty_array<'a>(value: &'a Value, field: &str) -> Result<&'a Vec<Value>, String> {
    value[field]
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| format!("{field}: expected a non-empty array"))
}

fn temperature(body: &Value, max: f64) -> Checked {
    match body.get("temperature") {
        None => Ok(()),
        Some(t) if t.as_f64().is_some_and(|t| (0.0..=max).contains(&t)) => Ok(()),
        Some(t) => Err(format!(
            "temperature: expected a number in 0..={max}, got {t}"
        )),
    }
}
