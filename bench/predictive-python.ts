// The scikit-learn / XGBoost side of the predictive benchmark, run by /usr/bin/python3.

/**
 * Reads `data.csv` (feature columns + `__label`) and `meta.json` (column kinds, fold per row, seed,
 * our GBDT's trees per fold) from the directory in argv[1]; fits each model on every fold with the
 * same one-hot features as ours; writes out-of-fold probabilities and wall/CPU fit seconds per fold
 * to `result.json`.
 */
export const PYTHON_BENCH_SCRIPT = String.raw`
import csv, json, os, sys, time
import numpy as np
import sklearn, xgboost
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from xgboost import XGBClassifier

work = sys.argv[1]
meta = json.load(open(os.path.join(work, 'meta.json')))
with open(os.path.join(work, 'data.csv'), newline='') as handle:
    rows = list(csv.DictReader(handle))
numeric, categorical = meta['numeric'], meta['categorical']
def number(text):
    return float(text) if text.strip() != '' else float('nan')
X = np.empty((len(rows), len(numeric) + len(categorical)), dtype=object)
for i, row in enumerate(rows):
    for j, name in enumerate(numeric):
        X[i, j] = number(row[name])
    for j, name in enumerate(categorical):
        X[i, len(numeric) + j] = row[name]
y = np.array([int(row['__label']) for row in rows])
folds = np.array(meta['folds'])
seed = meta['seed']
num_idx = list(range(len(numeric)))
cat_idx = list(range(len(numeric), len(numeric) + len(categorical)))

def encoder():
    # One-hot the categorical columns, pass numbers through: the same features our encoder builds.
    one_hot = OneHotEncoder(handle_unknown='ignore', sparse_output=False)
    return ColumnTransformer([('cat', one_hot, cat_idx), ('num', 'passthrough', num_idx)])

def models(fold):
    trees = meta['gbdt_iterations'][fold]
    return {
        'sklearn_lr': lambda: make_pipeline(
            StandardScaler(), LogisticRegression(C=1.0, solver='lbfgs', max_iter=1000)),
        'sklearn_hgb': lambda: HistGradientBoostingClassifier(
            learning_rate=0.1, max_iter=200, max_leaf_nodes=31, min_samples_leaf=20,
            l2_regularization=0.0, max_bins=255, early_stopping=True, validation_fraction=0.1,
            n_iter_no_change=10, tol=1e-7, random_state=seed),
        'xgboost': lambda: XGBClassifier(
            tree_method='hist', grow_policy='lossguide', max_leaves=31, max_depth=0,
            learning_rate=0.1, n_estimators=max(trees, 1), max_bin=256, random_state=seed,
            n_jobs=1),
    }

versions = {'sklearn': sklearn.__version__, 'xgboost': xgboost.__version__}
result = {'versions': versions, 'models': {}}
for fold in range(int(folds.max()) + 1):
    train, test = folds != fold, folds == fold
    enc = encoder().fit(X[train])
    X_train = enc.transform(X[train]).astype(np.float64)
    X_test = enc.transform(X[test]).astype(np.float64)
    for name, build in models(fold).items():
        model = build()
        started, cpu_started = time.perf_counter(), time.process_time()
        model.fit(X_train, y[train])
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        empty = {'probabilities': [0.0] * len(y), 'fit_seconds': [], 'cpu_seconds': [],
                 'iterations': []}
        entry = result['models'].setdefault(name, empty)
        for i, p in zip(np.flatnonzero(test), model.predict_proba(X_test)[:, 1]):
            entry['probabilities'][i] = float(p)
        entry['fit_seconds'].append(seconds)
        entry['cpu_seconds'].append(cpu)
        iterations = getattr(model, 'n_iter_', None)
        if name == 'xgboost':
            iterations = model.n_estimators
        if name == 'sklearn_lr':
            iterations = model[-1].n_iter_[0]
        entry['iterations'].append(int(np.ravel(iterations)[0]) if iterations is not None else 0)
json.dump(result, open(os.path.join(work, 'result.json'), 'w'))
`
