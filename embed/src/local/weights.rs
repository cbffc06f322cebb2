//! Model configuration (`config.json`) and weights (`model.safetensors`),
//! rearranged at load time into the layout the forward pass wants.

use std::path::Path;

use safetensors::{Dtype, SafeTensors};
use serde::Deserialize;

use crate::EmbedError;

/// The subset of a Hugging Face BERT `config.json` the forward pass uses.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct BertConfig {
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub vocab_size: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    #[serde(default = "default_act")]
    pub hidden_act: String,
    #[serde(default = "default_pos")]
    pub position_embedding_type: String,
}

fn default_eps() -> f64 {
    1e-12
}
fn default_act() -> String {
    "gelu".into()
}
fn default_pos() -> String {
    "absolute".into()
}

impl BertConfig {
    pub fn load(path: &Path) -> Result<Self, EmbedError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| EmbedError::Model(format!("cannot read {}: {e}", path.display())))?;
        let cfg: Self = serde_json::from_str(&text)
            .map_err(|e| EmbedError::Model(format!("invalid {}: {e}", path.display())))?;
        let unsupported =
            |what: String| EmbedError::Model(format!("{}: unsupported {what}", path.display()));
        if cfg.hidden_act != "gelu" {
            return Err(unsupported(format!(
                "hidden_act {:?} (only \"gelu\")",
                cfg.hidden_act
            )));
        }
        if cfg.position_embedding_type != "absolute" {
            return Err(unsupported(format!(
                "position_embedding_type {:?}",
                cfg.position_embedding_type
            )));
        }
        if cfg.num_attention_heads == 0 || cfg.hidden_size % cfg.num_attention_heads != 0 {
            return Err(unsupported(format!(
                "hidden_size {} with {} heads",
                cfg.hidden_size, cfg.num_attention_heads
            )));
        }
        Ok(cfg)
    }

    pub fn head_dim(&self) -> usize {
        self.hidden_size / self.num_attention_heads
    }
}

/// A Linear layer: weight in PyTorch's `[out, in]` layout (a transposed
/// sgemm operand), the same as IEEE half floats for the small-batch kernel
/// (halves the memory traffic that bounds a one-query forward pass), and bias.
pub(crate) struct Linear {
    pub w: Vec<f32>,
    pub w16: Vec<u16>,
    pub b: Vec<f32>,
}

impl Linear {
    fn new(w: Vec<f32>, b: Vec<f32>) -> Self {
        let w16 = w.iter().map(|&x| f32_to_f16(x)).collect();
        Self { w, w16, b }
    }
}

/// One encoder layer; Q, K and V are fused into one `[3h, h]` Linear.
pub(crate) struct Layer {
    pub qkv: Linear,
    pub attn_out: Linear,
    pub ln1_w: Vec<f32>,
    pub ln1_b: Vec<f32>,
    pub inter: Linear,
    pub out: Linear,
    pub ln2_w: Vec<f32>,
    pub ln2_b: Vec<f32>,
}

/// `x` as IEEE 754 binary16 bits, rounded to nearest even.
pub(crate) fn f32_to_f16(x: f32) -> u16 {
    let bits = x.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exp = ((bits >> 23) & 0xff) as i32;
    let man = bits & 0x007f_ffff;
    if exp == 0xff {
        // Inf or NaN.
        return sign | 0x7c00 | if man != 0 { 0x200 } else { 0 };
    }
    let e = exp - 127 + 15;
    if e >= 0x1f {
        return sign | 0x7c00;
    }
    if e <= 0 {
        if e < -10 {
            return sign;
        }
        // Subnormal: shift the mantissa (with its implicit bit) into place.
        let m = man | 0x0080_0000;
        let shift = (14 - e) as u32;
        let half = 1u32 << (shift - 1);
        let rest = m & ((1u32 << shift) - 1);
        let mut v = m >> shift;
        if rest > half || (rest == half && v & 1 == 1) {
            v += 1;
        }
        return sign | v as u16;
    }
    let mut v = ((e as u32) << 10) | (man >> 13);
    let rest = man & 0x1fff;
    if rest > 0x1000 || (rest == 0x1000 && v & 1 == 1) {
        v += 1; // May carry into the exponent, which is still correct.
    }
    sign | v as u16
}

/// All weights of the model, owned and `f32`.
pub(crate) struct BertWeights {
    pub cfg: BertConfig,
    /// `[vocab, h]`.
    pub word: Vec<f32>,
    /// Position embedding plus the token-type-0 embedding, `[max_pos, h]`.
    pub pos_type: Vec<f32>,
    pub emb_ln_w: Vec<f32>,
    pub emb_ln_b: Vec<f32>,
    pub layers: Vec<Layer>,
}

struct Loader<'a> {
    st: SafeTensors<'a>,
    file: &'a Path,
}

impl Loader<'_> {
    /// Tensor `name`, accepted with or without a `bert.` prefix (checkpoints
    /// of `BertFor*` models carry one).
    fn view(&self, name: &str) -> Result<safetensors::tensor::TensorView<'_>, EmbedError> {
        self.st
            .tensor(name)
            .or_else(|_| self.st.tensor(&format!("bert.{name}")))
            .map_err(|_| {
                EmbedError::Model(format!("{}: tensor {name} is missing", self.file.display()))
            })
    }

    /// Tensor `name` as `f32`, checked against `shape` (`None` = any size).
    fn get_dims(&self, name: &str, shape: &[Option<usize>]) -> Result<Vec<f32>, EmbedError> {
        let view = self.view(name)?;
        let ok = view.dtype() == Dtype::F32
            && view.shape().len() == shape.len()
            && view
                .shape()
                .iter()
                .zip(shape)
                .all(|(have, want)| want.is_none_or(|w| w == *have));
        if !ok {
            return Err(EmbedError::Model(format!(
                "{}: tensor {name} is {:?} {:?}, expected F32 {shape:?}",
                self.file.display(),
                view.dtype(),
                view.shape()
            )));
        }
        Ok(view
            .data()
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    fn get(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, EmbedError> {
        let dims: Vec<Option<usize>> = shape.iter().map(|&d| Some(d)).collect();
        self.get_dims(name, &dims)
    }

    fn layer(&self, i: usize, cfg: &BertConfig) -> Result<Layer, EmbedError> {
        let (h, inter) = (cfg.hidden_size, cfg.intermediate_size);
        let p = format!("encoder.layer.{i}");
        let mut w_qkv = Vec::with_capacity(3 * h * h);
        let mut b_qkv = Vec::with_capacity(3 * h);
        for part in ["query", "key", "value"] {
            w_qkv.extend(self.get(&format!("{p}.attention.self.{part}.weight"), &[h, h])?);
            b_qkv.extend(self.get(&format!("{p}.attention.self.{part}.bias"), &[h])?);
        }
        let linear = |name: &str, out: usize, inp: usize| -> Result<Linear, EmbedError> {
            Ok(Linear::new(
                self.get(&format!("{p}.{name}.weight"), &[out, inp])?,
                self.get(&format!("{p}.{name}.bias"), &[out])?,
            ))
        };
        Ok(Layer {
            qkv: Linear::new(w_qkv, b_qkv),
            attn_out: linear("attention.output.dense", h, h)?,
            ln1_w: self.get(&format!("{p}.attention.output.LayerNorm.weight"), &[h])?,
            ln1_b: self.get(&format!("{p}.attention.output.LayerNorm.bias"), &[h])?,
            inter: linear("intermediate.dense", inter, h)?,
            out: linear("output.dense", h, inter)?,
            ln2_w: self.get(&format!("{p}.output.LayerNorm.weight"), &[h])?,
            ln2_b: self.get(&format!("{p}.output.LayerNorm.bias"), &[h])?,
        })
    }
}

impl BertWeights {
    /// Reads `model.safetensors` into owned, rearranged buffers. The file is read
    /// rather than memory-mapped (mapping needs `unsafe`; every tensor is copied
    /// anyway, and reading 90 MB takes a few tens of milliseconds).
    pub fn load(path: &Path, cfg: BertConfig) -> Result<Self, EmbedError> {
        let model_err = |e: String| EmbedError::Model(format!("{}: {e}", path.display()));
        let bytes = std::fs::read(path).map_err(|e| model_err(format!("cannot read: {e}")))?;
        let st = SafeTensors::deserialize(&bytes)
            .map_err(|e| model_err(format!("invalid safetensors: {e}")))?;
        let ld = Loader { st, file: path };
        let h = cfg.hidden_size;
        let word = ld.get("embeddings.word_embeddings.weight", &[cfg.vocab_size, h])?;
        let mut pos_type = ld.get(
            "embeddings.position_embeddings.weight",
            &[cfg.max_position_embeddings, h],
        )?;
        // The type vocabulary size varies; every token has type 0, so only row 0 is used.
        let token_type =
            ld.get_dims("embeddings.token_type_embeddings.weight", &[None, Some(h)])?;
        for row in pos_type.chunks_exact_mut(h) {
            for (p, t) in row.iter_mut().zip(&token_type) {
                *p += t;
            }
        }
        let emb_ln_w = ld.get("embeddings.LayerNorm.weight", &[h])?;
        let emb_ln_b = ld.get("embeddings.LayerNorm.bias", &[h])?;
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| ld.layer(i, &cfg))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            cfg,
            word,
            pos_type,
            emb_ln_w,
            emb_ln_b,
            layers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::f32_to_f16;

    #[test]
    fn f16_conversion() {
        assert_eq!(f32_to_f16(0.0), 0);
        assert_eq!(f32_to_f16(1.0), 0x3c00);
        assert_eq!(f32_to_f16(-2.0), 0xc000);
        assert_eq!(f32_to_f16(65504.0), 0x7bff);
        assert_eq!(f32_to_f16(1e6), 0x7c00);
        assert_eq!(f32_to_f16(5.960_464_5e-8), 0x0001); // smallest subnormal
        assert_eq!(f32_to_f16(1.0 + 1.0 / 4096.0), 0x3c00); // tie rounds to even
        assert_eq!(f32_to_f16(0.333_333_34), 0x3555);
    }
}
