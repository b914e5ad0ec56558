"""Gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier) kept as plain arrays:
a model file holds numbers, never a pickle, and predicting needs numpy only.

The platforms pick weighs a few dozen features whose effects are far from additive (a string
seen once at the head of a text with 币 at its end is a name; a dictionary word seen once there
is not), which a logistic regression cannot express and trees can.
"""
from __future__ import annotations

import numpy as np

FIELDS = ("value", "feature_idx", "num_threshold", "missing_go_to_left", "left", "right", "is_leaf")
PARAMS = {"max_iter": 200, "learning_rate": 0.1, "max_leaf_nodes": 31, "min_samples_leaf": 50,
          "l2_regularization": 1.0, "early_stopping": False, "random_state": 0}


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, threads: int | None = None) -> dict:
    """The fitted trees as arrays: each FIELDS column of every tree's nodes end to end,
    `tree_start` where each tree begins, and the baseline log-odds. threads: at most this
    many (a caller running trainings side by side must not have each take every core)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=threads, user_api="openmp"):
        model = HistGradientBoostingClassifier(**PARAMS).fit(x, y, sample_weight=weight)
    trees = [predictors[0].nodes for predictors in model._predictors]
    starts = np.cumsum([0] + [len(t) for t in trees[:-1]])
    nodes = np.concatenate(trees)
    out = {f"node_{f}": nodes[f] for f in FIELDS}
    out["tree_start"] = starts.astype(np.int64)
    out["baseline"] = np.float64(np.ravel(model._baseline_prediction)[0])
    return out


def probabilities(model: dict, x: np.ndarray) -> np.ndarray:
    """P(label) of each row of x."""
    if not len(x):
        return np.zeros(0)
    walk = _compiled_walk(model)
    z = walk(np.ascontiguousarray(x, dtype=np.float64)) if walk else _walk(model, x)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _compiled_walk(model: dict):
    """scikit-learn's compiled walk of its trees, fed the stored arrays: a text's few hundred
    candidate strings in well under a millisecond, where walking the trees in numpy takes ten
    or more. It is scikit-learn's private code (the version is pinned, and a unit test checks
    the two walks agree); None where it is missing, and the numpy walk serves."""
    if "_walk" in model:
        return model["_walk"]
    try:
        from sklearn.ensemble._hist_gradient_boosting._predictor import _predict_from_raw_data
        from sklearn.ensemble._hist_gradient_boosting.common import PREDICTOR_RECORD_DTYPE
    except ImportError:
        model["_walk"] = None
        return None
    count = len(model["node_value"])
    nodes = np.zeros(count, dtype=PREDICTOR_RECORD_DTYPE)
    for f in FIELDS:
        nodes[f] = model[f"node_{f}"]
    bounds = list(model["tree_start"]) + [count]
    per_tree = [nodes[a:b].copy() for a, b in zip(bounds, bounds[1:])]
    no_sets = np.zeros((0, 8), dtype=np.uint32)
    baseline = float(model["baseline"])

    def walk(x):
        z = np.full(len(x), baseline)
        out = np.empty(len(x))
        f_idx = np.zeros(x.shape[1], dtype=np.uint32)
        for tree in per_tree:
            _predict_from_raw_data(tree, x, no_sets, no_sets, f_idx, 1, out)
            z += out
        return z

    model["_walk"] = walk
    return walk


def _walk(model: dict, x: np.ndarray) -> np.ndarray:
    """The trees' summed log-odds of each row of x, walked in numpy."""
    feature, threshold = model["node_feature_idx"], model["node_num_threshold"]
    left, right, leaf = model["node_left"], model["node_right"], model["node_is_leaf"].astype(bool)
    missing_left = model["node_missing_go_to_left"].astype(bool)
    z = np.full(len(x), float(model["baseline"]))
    rows = np.arange(len(x))
    for start in model["tree_start"]:
        node = np.full(len(x), start, dtype=np.int64)
        active = ~leaf[node]
        while active.any():
            at = node[active]
            v = x[rows[active], feature[at]]
            go_left = np.where(np.isnan(v), missing_left[at], v <= threshold[at])
            node[active] = start + np.where(go_left, left[at], right[at])
            active = ~leaf[node]
        z += model["node_value"][node]
    return z


def arrays_of(z) -> dict:
    """The tree arrays of a loaded .npz (KeyError if one is missing)."""
    out = {f"node_{f}": z[f"node_{f}"] for f in FIELDS}
    out["tree_start"], out["baseline"] = z["tree_start"], float(z["baseline"])
    return out
