# Times pycocoevalcap on the pairs rex bench metrics wrote: argv[1] = {"gts": {qid: [ref]}, "res": {qid: [cand]}}.
# Prints one JSON line of seconds per stage. Run by `rex bench metrics --peer-python PYTHON`.
import json
import sys
import time

from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer
from pycocoevalcap.bleu.bleu import Bleu
from pycocoevalcap.rouge.rouge import Rouge
from pycocoevalcap.cider.cider import Cider

with open(sys.argv[1]) as f:
    pairs = json.load(f)
gts = {k: [{"caption": c} for c in v] for k, v in pairs["gts"].items()}
res = {k: [{"caption": c} for c in v] for k, v in pairs["res"].items()}
seconds = {}
t = time.perf_counter()
tok = PTBTokenizer()
gts, res = tok.tokenize(gts), tok.tokenize(res)
seconds["tokenize"] = time.perf_counter() - t
for name, scorer in (("bleu", Bleu(4)), ("rouge", Rouge()), ("cider", Cider())):
    t = time.perf_counter()
    scorer.compute_score(gts, res)
    seconds[name] = time.perf_counter() - t
print(json.dumps(seconds))
