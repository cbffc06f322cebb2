//! BERT encoder forward pass on packed sequences.
//!
//! All tokens of a batch are packed into one `[total_tokens, hidden]` matrix
//! (no padding), so every Linear layer is a single product over the whole
//! batch (OpenBLAS, or for a few rows an in-crate half-float-weight kernel);
//! attention runs per sequence and head on strided views of the fused QKV
//! matrix. The output is the mean of each sequence's last hidden states (the
//! attention mask is all ones, there is no padding), L2-normalised.

use super::blas::{sgemm, Mat};
use super::weights::{BertWeights, Layer, Linear};
use super::{math, simd};
use crate::EmbedError;

/// Up to this many rows, Linear layers use the in-crate kernel: OpenBLAS would
/// spend longer packing the weights than multiplying.
const SMALL_ROWS: usize = 64;
/// Up to this sequence length, attention uses the in-crate kernels.
const SMALL_SEQ: usize = 64;

/// Reusable activation buffers; they grow to the largest batch seen.
#[derive(Default)]
pub(crate) struct Scratch {
    hidden: Vec<f32>,
    qkv: Vec<f32>,
    ctx: Vec<f32>,
    inter: Vec<f32>,
    scores: Vec<f32>,
}

/// The first `n` elements of `buf`, growing it when needed (contents unspecified).
fn take(buf: &mut Vec<f32>, n: usize) -> &mut [f32] {
    if buf.len() < n {
        buf.resize(n, 0.0);
    }
    &mut buf[..n]
}

/// Fills every `bias.len()`-wide row of `out` with `bias`.
fn fill_rows(out: &mut [f32], bias: &[f32]) {
    for row in out.chunks_exact_mut(bias.len()) {
        row.copy_from_slice(bias);
    }
}

/// Adds `bias` to every row of `out`.
fn add_rows(out: &mut [f32], bias: &[f32]) {
    for row in out.chunks_exact_mut(bias.len()) {
        for (v, b) in row.iter_mut().zip(bias) {
            *v += b;
        }
    }
}

/// `c[m x n] = a[m x k] · Wᵀ + bias` for the Linear layer `l` (`n` outputs);
/// with `residual`, `c`'s current contents are added too.
fn linear(m: usize, k: usize, a: &[f32], l: &Linear, c: &mut [f32], residual: bool) {
    let n = l.b.len();
    if residual {
        add_rows(c, &l.b);
    } else {
        fill_rows(c, &l.b);
    }
    if m <= SMALL_ROWS && k % 8 == 0 && simd::has_f16_kernel() {
        simd::gemm_nt_f16(m, n, k, a, &l.w16, c);
    } else {
        sgemm(m, n, k, 1.0, Mat::new(a, k), Mat::t(&l.w, k), 1.0, c, n);
    }
}

/// Embeds `seqs` (token ids including `[CLS]`/`[SEP]`), one unit vector each.
pub(crate) fn embed(
    w: &BertWeights,
    seqs: &[&[u32]],
    s: &mut Scratch,
) -> Result<Vec<Vec<f32>>, EmbedError> {
    let cfg = &w.cfg;
    let h = cfg.hidden_size;
    let total: usize = seqs.iter().map(|s| s.len()).sum();
    let hidden = take(&mut s.hidden, total * h);

    for seq in seqs {
        if seq.len() > cfg.max_position_embeddings {
            return Err(EmbedError::Provider(format!(
                "sequence of {} tokens exceeds the model's {} positions",
                seq.len(),
                cfg.max_position_embeddings
            )));
        }
        if let Some(id) = seq.iter().find(|&&id| id as usize >= cfg.vocab_size) {
            return Err(EmbedError::Tokenizer(format!(
                "token id {id} outside the vocabulary"
            )));
        }
    }

    // Embeddings: word + position + token type 0, then LayerNorm.
    let tokens = seqs.iter().flat_map(|seq| seq.iter().enumerate());
    for (row, (pos, &id)) in hidden.chunks_exact_mut(h).zip(tokens) {
        let word = &w.word[id as usize * h..][..h];
        let pos_type = &w.pos_type[pos * h..][..h];
        for ((r, a), b) in row.iter_mut().zip(word).zip(pos_type) {
            *r = a + b;
        }
    }
    simd::layer_norm_rows(hidden, &w.emb_ln_w, &w.emb_ln_b, cfg.layer_norm_eps as f32);

    for layer in &w.layers {
        layer_forward(w, layer, seqs, total, s);
    }

    let hidden = &s.hidden[..total * h];
    let mut out = Vec::with_capacity(seqs.len());
    let mut start = 0;
    for seq in seqs {
        let mut v = vec![0.0f32; h];
        for row in hidden[start * h..(start + seq.len()) * h].chunks_exact(h) {
            for (a, x) in v.iter_mut().zip(row) {
                *a += x;
            }
        }
        // Mean pooling; the scale is irrelevant before normalising but kept for clarity.
        let inv = 1.0 / seq.len().max(1) as f32;
        v.iter_mut().for_each(|a| *a *= inv);
        math::l2_normalize(&mut v);
        out.push(v);
        start += seq.len();
    }
    Ok(out)
}

fn layer_forward(w: &BertWeights, l: &Layer, seqs: &[&[u32]], total: usize, s: &mut Scratch) {
    let cfg = &w.cfg;
    let (h, inter_n) = (cfg.hidden_size, cfg.intermediate_size);
    let eps = cfg.layer_norm_eps as f32;
    let Scratch {
        hidden,
        qkv,
        ctx,
        inter,
        scores,
    } = s;
    let hidden = &mut hidden[..total * h];

    // Fused Q, K, V projection: qkv = hidden · W_qkvᵀ + b.
    let qkv = take(qkv, total * 3 * h);
    linear(total, h, hidden, &l.qkv, qkv, false);

    // Self-attention per sequence and head.
    let ctx = take(ctx, total * h);
    attention(
        cfg.num_attention_heads,
        cfg.head_dim(),
        seqs,
        qkv,
        ctx,
        scores,
    );

    // Output projection + residual, LayerNorm.
    linear(total, h, ctx, &l.attn_out, hidden, true);
    simd::layer_norm_rows(hidden, &l.ln1_w, &l.ln1_b, eps);

    // Feed-forward: GELU(hidden · W_iᵀ + b_i) · W_oᵀ + b_o + residual, LayerNorm.
    let inter = take(inter, total * inter_n);
    linear(total, h, hidden, &l.inter, inter, false);
    simd::gelu(inter);
    linear(total, inter_n, inter, &l.out, hidden, true);
    simd::layer_norm_rows(hidden, &l.ln2_w, &l.ln2_b, eps);
}

/// `ctx = softmax(Q Kᵀ / sqrt(d)) V` for every sequence and head; `qkv` rows are
/// `[q | k | v]`, each `heads * d` wide.
fn attention(
    heads: usize,
    d: usize,
    seqs: &[&[u32]],
    qkv: &[f32],
    ctx: &mut [f32],
    scores: &mut Vec<f32>,
) {
    let h = heads * d;
    let scale = 1.0 / (d as f32).sqrt();
    let mut start = 0;
    for seq in seqs {
        let n = seq.len();
        let block = &qkv[start * 3 * h..(start + n) * 3 * h];
        let out = &mut ctx[start * h..(start + n) * h];
        let sc = take(scores, n * n);
        for head in 0..heads {
            let q = &block[head * d..];
            let k = &block[h + head * d..];
            let v = &block[2 * h + head * d..];
            let dst = &mut out[head * d..];
            if n <= SMALL_SEQ {
                sc.fill(0.0);
                simd::gemm_nt(n, n, d, scale, q, 3 * h, k, 3 * h, sc, n);
                simd::softmax_rows(sc, n);
                simd::gemm_nn(n, d, n, sc, n, v, 3 * h, dst, h);
            } else {
                sgemm(
                    n,
                    n,
                    d,
                    scale,
                    Mat::new(q, 3 * h),
                    Mat::t(k, 3 * h),
                    0.0,
                    sc,
                    n,
                );
                simd::softmax_rows(sc, n);
                sgemm(
                    n,
                    d,
                    n,
                    1.0,
                    Mat::new(sc, n),
                    Mat::new(v, 3 * h),
                    0.0,
                    dst,
                    h,
                );
            }
        }
        start += n;
    }
}
