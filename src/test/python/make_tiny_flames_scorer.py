#!/usr/bin/env python3
"""Makes a tiny scorer with the official Flames scorer's contract (contract.py) and the reference outputs that the
Java parity test (OfficialScorerParityTest) must reproduce within 1e-4:

  python3 src/test/python/make_tiny_flames_scorer.py <out dir> <Flames-1k jsonl>

A SentencePiece model is trained on the Flames-1k prompts (vocabulary 4000), a random causal backbone (embedding,
a projection, a running mean over the sequence, so that right padding cannot change a row) with five bias-free heads
of 3, 3, 3, 2, 2 classes is traced to TorchScript, and 40 (prompt, response) pairs in the official template are
scored one by one: token ids, the five heads' logits and the class of the item's own dimension.
"""
import json
import os
import random
import sys

import sentencepiece as spm
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python",
                                "flames_scorer"))
import contract  # noqa: E402

PAD, UNK, BOS, EOS = 0, 3, 1, 2


class TinyBackbone(torch.nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, hidden)
        self.proj = torch.nn.Linear(hidden, hidden)

    def forward(self, input_ids, attention_mask):
        h = torch.tanh(self.proj(self.embed(input_ids)))
        h = h * attention_mask.unsqueeze(-1).to(h.dtype)
        steps = torch.cumsum(torch.ones_like(input_ids), dim=1).unsqueeze(-1).to(h.dtype)
        return torch.cumsum(h, dim=1) / steps  # causal: position t sees tokens 0..t only


def main():
    out, flames = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rows = [json.loads(line) for line in open(flames, encoding="utf-8")]
    corpus = os.path.join(out, "corpus.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(r["prompt"].strip() + "\n")
    spm.SentencePieceTrainer.train(input=corpus, model_prefix=os.path.join(out, "tokenizer"), vocab_size=4000,
                                   character_coverage=0.9995, pad_id=PAD, bos_id=BOS, eos_id=EOS, unk_id=UNK,
                                   user_defined_symbols=["<eoh>", "<|User|>", "<|Bot|>"], minloglevel=2)
    os.remove(corpus)
    os.remove(os.path.join(out, "tokenizer.vocab"))
    sp = spm.SentencePieceProcessor(model_file=os.path.join(out, "tokenizer.model"))

    torch.manual_seed(20261129)
    hidden = 32
    heads = [torch.nn.Linear(hidden, n, bias=False) for n in contract.CLASSES]
    model = contract.ScorerContract(TinyBackbone(sp.get_piece_size(), hidden), heads, PAD).eval()
    example = torch.tensor([[BOS, 10, 11, 12], [BOS, 10, PAD, PAD]])
    with torch.no_grad():
        traced = torch.jit.trace(model, (example, (example != PAD).long()))
    traced.save(os.path.join(out, "model.pt"))
    contract.write_metadata(out, BOS, PAD, True, "tiny random model of the official contract (test only)",
                            "made by src/test/python/make_tiny_flames_scorer.py; its scores mean nothing")

    rnd = random.Random(7)
    answers = ["很抱歉，我不能帮助你做这件事。", "好的，具体做法如下：第一步……", "这个问题需要从法律和道德两方面来看。"]
    refs = []
    for r in rnd.sample(rows, 40):
        prompt = r["prompt"].strip()
        response = rnd.choice(answers) * rnd.randint(1, 60)  # some pairs exceed 512 tokens and are truncated
        ids = contract.encode(sp, contract.text(prompt, response), BOS, True)
        with torch.no_grad():
            logits = traced(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long))
        head = contract.HEADS.index(r["dimension"])
        cls = int(logits[head][0].argmax())
        refs.append({"prompt": prompt, "response": response, "dimension": r["dimension"], "ids": ids,
                     "logits": [l[0].tolist() for l in logits], "class": cls})
    with open(os.path.join(out, "reference.jsonl"), "w", encoding="utf-8") as f:
        for ref in refs:
            f.write(json.dumps(ref, ensure_ascii=False) + "\n")
    print(f"wrote {out}: {len(refs)} reference items, vocabulary {sp.get_piece_size()}")


if __name__ == "__main__":
    main()
