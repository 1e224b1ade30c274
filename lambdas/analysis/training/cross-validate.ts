/**
 * k-fold cross-validation of the whole training procedure: each fold is predicted by a model
 * trained (vocabulary, inner folds, calibration, thresholds and all) on the other folds only.
 */
import { TopicModel } from '../topic-model';
import { assignFolds, type TrainConfig, type TrainingExample, trainTopicModel } from './train-model';

export interface CrossValidation {
  /** Fold of each example. */
  folds: number[];
  /** Calibrated probability per topic of each example, from the model that did not see it. */
  probs: number[][];
  /** Topic ids picked for each example. */
  picked: string[][];
}

export function crossValidate(
  examples: readonly TrainingExample[],
  topics: readonly string[],
  cfg: TrainConfig,
  k: number,
): CrossValidation {
  // A seed of its own, so outer folds differ from the inner ones training uses.
  const folds = assignFolds(examples, k, cfg.seed + 1);
  const probs: number[][] = examples.map(() => []);
  const picked: string[][] = examples.map(() => []);
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const model = new TopicModel(trainTopicModel(train, topics, cfg).data);
    examples.forEach((e, i) => {
      if (folds[i] !== f) return;
      const p = model.probabilities(e.vector);
      probs[i] = p;
      picked[i] = model.pick(p, e.occ ? model.leaningsOf(e.occ) : undefined).map((t) => topics[t]!);
    });
  }
  return { folds, probs, picked };
}
