import { describe, expect, it } from 'vitest';
import { readTrainingArticles, toExample, trainingFingerprint } from '../../../bin/training-sets';
import { readArticle } from '../../../lambdas/analysis/article';
import { classifyTopics, EVIDENCE_MAX_CHARS, topicFeatures } from '../../../lambdas/analysis/classify';
import modelJson from '../../../lambdas/analysis/data/topic-model.json';
import {
  ARMS_MOVE,
  countFeatures,
  DEFAULT_FEATURE_OPTIONS,
  featureVector,
  occurrences,
  RULE_PREFIX,
  sentenceIndexer,
  stem,
} from '../../../lambdas/analysis/features';
import { analyze } from '../../../lambdas/analysis/index';
import { leanings, PARAGRAPH_FLOOR, pickWithSecondary } from '../../../lambdas/analysis/secondary';
import { tokenize } from '../../../lambdas/analysis/tokenize';
import {
  packWeights,
  pickTopics,
  TopicModel,
  type TopicModelData,
  TopicModelError,
  type TopicModelFile,
  unpackModel,
} from '../../../lambdas/analysis/topic-model';
import { phraseEvidence } from '../../../lambdas/analysis/topic-scores';
import { TOPIC_IDS } from '../../../lambdas/analysis/topics';
import { crossValidate } from '../../../lambdas/analysis/training/cross-validate';
import { minimize } from '../../../lambdas/analysis/training/lbfgs';
import { decision, fitPlatt, trainLogistic } from '../../../lambdas/analysis/training/logistic';
import {
  assignFolds,
  chooseThresholds,
  DEFAULT_TRAIN_CONFIG,
  microF1,
  type TrainingExample,
  trainTopicModel,
} from '../../../lambdas/analysis/training/train-model';
import { encodeVarints } from '../../../lambdas/analysis/varint';
import { sentenceSpans } from '../../../lambdas/shared/sentences';

const shipped = unpackModel(modelJson as TopicModelFile);
const model = new TopicModel(shipped);

describe('features', () => {
  it('gives plural, past and gerund forms one stem', () => {
    expect(new Set(['sanctions', 'sanctioned', 'sanctioning', 'sanction'].map(stem)).size).toBe(1);
    expect(stem('countries')).toBe(stem('country'));
    expect(stem('drills')).toBe(stem('drilled'));
  });

  it('pairs adjacent content words within a sentence, never across one', () => {
    const body = tokenize('Congress passed the war powers resolution. Troops left.', 1);
    const text = 'Congress passed the war powers resolution. Troops left.';
    const occ = occurrences([], body, sentenceIndexer(sentenceSpans(text)));
    expect(occ.keys).toContain(`war ${stem('powers')}`);
    expect(occ.keys).toContain(`${stem('powers')} ${stem('resolution')}`);
    expect(occ.keys).not.toContain(`${stem('resolution')} ${stem('troops')}`);
    expect(occ.keys).not.toContain('the');
  });

  it('adds the arms-moving feature once for a sentence naming equipment changing hands', () => {
    const text =
      'Turkey handed over two patrol boats and delivered drones. The boats sailed home. Officials signed a sale.';
    const occ = occurrences([], tokenize(text, 1), sentenceIndexer(sentenceSpans(text)), {
      ...DEFAULT_FEATURE_OPTIONS,
      armsMove: true,
    });
    const move = ARMS_MOVE.join(' ');
    // The first sentence once though it names two moves; the second names boats, the third a sale, neither both.
    expect(occ.keys.filter((k) => k === move)).toHaveLength(1);
    expect(occ.sentences[occ.keys.indexOf(move)]).toBe(0);
    const off = occurrences([], tokenize(text, 1), sentenceIndexer(sentenceSpans(text)), {
      ...DEFAULT_FEATURE_OPTIONS,
      armsMove: false,
    });
    expect(off.keys).not.toContain(move);
  });

  it('counts a title word titleWeight times', () => {
    const title = tokenize('Sanctions', 0);
    const body = tokenize('New sanctions.', 1);
    const counts = countFeatures(occurrences(title, body, () => 0));
    expect(counts.get(stem('sanctions'))).toBe(DEFAULT_FEATURE_OPTIONS.titleWeight + 1);
  });

  it('divides log counts by the length of the word features, pairs and phrase-table features apart', () => {
    const counts = new Map([
      ['a', 3],
      ['b', 1],
      ['a b', 1],
    ]);
    const v = featureVector(counts, { scores: [0, 4], paragraphs: [0, 1] }, { ...DEFAULT_FEATURE_OPTIONS });
    expect((v.get('a') ?? 0) ** 2 + (v.get('b') ?? 0) ** 2).toBeCloseTo(1, 10);
    expect(v.get('a b')).toBeCloseTo(v.get('b')!, 10);
    expect(v.get(`${RULE_PREFIX}s1`)).toBeCloseTo(Math.log1p(4) * DEFAULT_FEATURE_OPTIONS.ruleScale, 10);
    expect(v.has(`${RULE_PREFIX}s0`)).toBe(false);
  });
});

describe('training', () => {
  it('minimises a convex function with L-BFGS', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * (x[0]! - 3);
      g[1] = 20 * (x[1]! + 1);
      return (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2;
    };
    const x = minimize(f, new Float64Array(2));
    expect(x[0]).toBeCloseTo(3, 4);
    expect(x[1]).toBeCloseTo(-1, 4);
  });

  it('separates a separable problem and ignores rows weighted zero', () => {
    const row = (i: number) => ({ idx: Int32Array.from([i]), val: Float64Array.from([1]) });
    const rows = [row(0), row(0), row(1), row(1), row(1)];
    // The last row is labelled positive but weighted 0 (an optional topic): it must not count.
    const m = trainLogistic({ rows, dim: 2, y: [1, 1, 0, 0, 1], c: [1, 1, 1, 1, 0] }, 0.1);
    expect(decision(m, row(0))).toBeGreaterThan(0);
    expect(decision(m, row(1))).toBeLessThan(0);
  });

  it('calibrates scores into increasing probabilities', () => {
    const z = [-3, -2, -1, -0.5, 0.5, 1, 2, 3];
    const y = [0, 0, 0, 1, 0, 1, 1, 1];
    const [a, b] = fitPlatt(
      z,
      y,
      z.map(() => 1),
    );
    const p = (x: number) => 1 / (1 + Math.exp(-(a * x + b)));
    expect(a).toBeGreaterThan(0);
    expect(p(3)).toBeGreaterThan(0.8);
    expect(p(-3)).toBeLessThan(0.2);
  });

  it('deals folds the same way for a seed, each main topic spread over every fold', () => {
    const ex = Array.from({ length: 40 }, (_, i) => ({
      id: String(i),
      vector: new Map(),
      topics: [i % 2 ? 'sanctions' : 'nuclear'],
      optional: [],
    }));
    const a = assignFolds(ex, 4, 7);
    expect(assignFolds(ex, 4, 7)).toEqual(a);
    expect(assignFolds(ex, 4, 8)).not.toEqual(a);
    for (let f = 0; f < 4; f++) {
      expect(ex.filter((e, i) => a[i] === f && e.topics[0] === 'sanctions')).toHaveLength(5);
    }
  });

  it('counts optional topics as neither right nor wrong', () => {
    const gold = [{ topics: ['sanctions'], optional: ['diplomacy'] }];
    expect(microF1([['sanctions', 'diplomacy']], gold)).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(microF1([['nuclear']], gold)).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('chooses the threshold that keeps a second topic only where it belongs', () => {
    const topics = ['a', 'b', 'c'];
    const probs = [
      [0.9, 0.8, 0.1],
      [0.9, 0.3, 0.1],
      [0.2, 0.9, 0.25],
    ];
    const gold = [
      { id: '1', vector: new Map(), topics: ['a', 'b'], optional: [] },
      { id: '2', vector: new Map(), topics: ['a'], optional: [] },
      { id: '3', vector: new Map(), topics: ['b'], optional: [] },
    ];
    const th = chooseThresholds(probs, gold, topics, { maxTopics: 3, thresholds: 'global' });
    expect(th[0]).toBeGreaterThan(0.3);
    expect(th[0]).toBeLessThanOrEqual(0.8);
  });

  // Real labelled articles, few enough to train in well under a second.
  const articles = readTrainingArticles(() => {}).slice(0, 70);
  const examples: TrainingExample[] = articles.map((a) => toExample(a, DEFAULT_FEATURE_OPTIONS));
  const cfg = { ...DEFAULT_TRAIN_CONFIG, folds: 3 };

  it('trains the same model twice from the same data and seed', () => {
    const a = JSON.stringify(trainTopicModel(examples, TOPIC_IDS, cfg).data);
    const b = JSON.stringify(trainTopicModel(examples, TOPIC_IDS, cfg).data);
    expect(a).toBe(b);
  });

  it('keeps the shared second-topic threshold for a topic unless its own gains clearly', () => {
    const strict = trainTopicModel(examples, TOPIC_IDS, { ...cfg, thresholdGain: 1 }).data.secondary!;
    expect(new Set(strict.thresholds)).toEqual(new Set([strict.threshold]));
  });

  it('learns topics that hold on articles it did not see', () => {
    const cv = crossValidate(examples, TOPIC_IDS, cfg, 3);
    // Seventy articles over thirteen topics is little; a model that learnt nothing scores < 0.2.
    expect(microF1(cv.picked, examples).f1).toBeGreaterThan(0.6);
  });
});

describe('the topic model', () => {
  it('picks the most probable topic, then others only at their threshold, three at most', () => {
    expect(pickTopics([0.2, 0.1, 0.05], [0.5, 0.5, 0.5], 3)).toEqual([0]);
    expect(pickTopics([0.6, 0.9, 0.55, 0.7], [0.5, 0.5, 0.5, 0.5], 3)).toEqual([1, 3, 0]);
    expect(pickTopics([0.6, 0.9, 0.55], [0.7, 0.5, 0.5], 3)).toEqual([1, 2]);
  });

  it('counts the topic each paragraph and the title lean to', () => {
    const lean = leanings(
      [
        Float64Array.from([0, 2, 1]),
        Float64Array.from([3, 1, 0]),
        undefined,
        Float64Array.from([-1, -2, -3]),
        Float64Array.from([1, 0, 4]),
      ],
      3,
    );
    // Each topic's strongest body paragraph too (the title is not a paragraph); with no word
    // counts, each paragraph is divided as the shortest counted.
    const inv = 1 / Math.sqrt(PARAGRAPH_FLOOR);
    expect(lean).toEqual({
      title: 1,
      paragraphs: [1, 0, 1],
      total: 4,
      peak: [3, 1, 4],
      density: [3 * inv, 1 * inv, 4 * inv],
    });
  });

  it("weighs a paragraph's pull to a topic by its length, so a short article's paragraph counts as much", () => {
    // Two body paragraphs with the same summed weight for topic 1: one of 16 words, one of 64.
    const sums = [undefined, Float64Array.from([0, 8]), Float64Array.from([0, 8])];
    expect(leanings(sums, 2, [0, 16, 64]).density[1]).toBe(2);
    expect(leanings(sums, 2, [0, 64, 64]).density[1]).toBe(1);
    // A second topic told in one short paragraph is added; the same weight spread over a long
    // paragraph is not.
    const d = { weights: [0, 0, 0, 0, 0, 0, 2], bias: -3, threshold: 0.5 };
    const probs = [0.95, 0.2];
    const short = leanings([undefined, Float64Array.from([9, 1]), Float64Array.from([1, 8])], 2, [0, 40, 16]);
    expect(pickWithSecondary(probs, short, d, 3)).toEqual([0, 1]);
    const long = leanings([undefined, Float64Array.from([9, 1]), Float64Array.from([1, 8])], 2, [0, 40, 64]);
    expect(pickWithSecondary(probs, long, d, 3)).toEqual([0]);
  });

  it('adds a second topic that paragraphs are about, not one the text brushes against', () => {
    // Weights as a trained stage two has them: probability, paragraphs leaning to the topic, the
    // topic's strongest paragraph.
    const d = { weights: [1, 0.3, 3, 0, -0.2, 0.5, 0], bias: -0.2, threshold: 0.45 };
    const probs = [0.95, 0.3, 0.3];
    const density = [0, 0, 0];
    const about = { title: 0, paragraphs: [3, 3, 0], total: 6, peak: [4, 2, 0.5], density };
    expect(pickWithSecondary(probs, about, d, 3)).toEqual([0, 1]);
    const brushed = { title: 0, paragraphs: [6, 0, 0], total: 6, peak: [5, 0.3, 0.3], density };
    expect(pickWithSecondary([0.95, 0.3, 0.3], brushed, d, 3)).toEqual([0]);
    // No paragraph leans to topic 2, but one is strongly about it (a second topic told in one
    // paragraph of a story about something else).
    const told = { title: 0, paragraphs: [6, 0, 0], total: 6, peak: [5, 0.3, 40], density };
    expect(pickWithSecondary([0.95, 0.3, 0.3], told, d, 3)).toEqual([0, 2]);
  });

  it('ships the arms-moving feature as a pair the run-time path finds, weighing for arms transfers', () => {
    expect(shipped.options.armsMove).toBe(true);
    const arms = TOPIC_IDS.indexOf('arms-transfers');
    expect(model.weightsOf(ARMS_MOVE.join(' '))?.[arms]).toBeGreaterThan(0);
    expect(model.pairKey(ARMS_MOVE[0], ARMS_MOVE[1])).toBe(ARMS_MOVE.join(' '));
  });

  it('packs weights into bytes and reads them back', () => {
    const weights = new Map([
      ['sanction', [0.5, -0.25, 0]],
      ['war power', [0, 0, 1.27]],
      ['power war', [0.01, 0, 0]],
      ['nothing', [0, 0, 0]],
      ['@s0', [4.321, 0, -2]],
      ['power', [0, 0.02, 0]],
      // Pairs with the same first stem: the second stems as differences.
      ['power sanction', [0, 0.03, 0]],
    ]);
    const data: TopicModelData = {
      format: 4,
      topics: ['a', 'b', 'c'],
      options: DEFAULT_FEATURE_OPTIONS,
      bias: [0, 0, 0],
      platt: [
        [1, 0],
        [1, 0],
        [1, 0],
      ],
      thresholds: [0.5, 0.5, 0.5],
      maxTopics: 3,
      step: 0.01,
      ...packWeights(weights, 0.01),
    };
    const m = new TopicModel(data);
    expect([...m.weightsOf('sanction')!]).toEqual([0.5, -0.25, 0]);
    expect(m.weightsOf('war power')![2]).toBeCloseTo(1.27, 10);
    expect([...m.weightsOf('@s0')!]).toEqual([4.321, 0, -2]);
    expect([...m.weightsOf('power war')!]).toEqual([0.01, 0, 0]);
    expect([...m.weightsOf('power')!]).toEqual([0, 0.02, 0]);
    expect(m.weightsOf('nothing')).toBeUndefined();
    // "war" is a stem of pairs only; pairs are looked up by their stems.
    expect(data.pairStems).toBe('war');
    expect(m.pairKey('war', 'power')).toBe('war power');
    expect(m.pairKey('power', 'war')).toBe('power war');
    expect(m.pairKey('war', 'sanction')).toBeUndefined();
    expect([...m.weightsOf('power sanction')!]).toEqual([0, 0.03, 0]);
    // The run-time path, which passes the stems' numbers, finds the same pairs; a stop word breaks none.
    const occ = occurrences(
      [],
      tokenize('The war power and the power war.', 1),
      () => 0,
      undefined,
      m.pairKey,
    );
    expect(occ.keys).toEqual(['war', 'power', 'war power', 'power', 'war', 'power war']);
    // Pairs are searched in the order the file gives them: a file that repeats a pair is refused.
    expect(() => new TopicModel({ ...data, pairs: encodeVarints([3, 2, 0, 0]) })).toThrow(/repeated/);
  });

  it('refuses a model file whose arrays do not match its topics, saying which', () => {
    expect(() => new TopicModel({ ...shipped, thresholds: [0.5] })).toThrow(TopicModelError);
    expect(() => new TopicModel({ ...shipped, thresholds: [0.5] })).toThrow(/thresholds/);
    expect(() => new TopicModel({ ...shipped, masks: shipped.masks.slice(0, 8) })).toThrow(/masks/);
    expect(() => new TopicModel({ ...shipped, weights: shipped.weights.slice(0, 8) })).toThrow(/weights/);
    expect(() => new TopicModel({ ...shipped, pairs: shipped.pairs.slice(0, 8) })).toThrow(/topic model: /);
    expect(() => new TopicModel({ ...shipped, words: shipped.words.slice(0, 100) })).toThrow(/topic model: /);
  });

  it('scores an article at run time exactly as training scores its feature vector', () => {
    for (const a of readTrainingArticles(() => {}).slice(0, 20)) {
      const read = readArticle({ title: a.title, text: a.html!.replace(/<[^>]+>/g, '\n\n') });
      // Run time reads only the word pairs the model knows.
      const occ = occurrences(
        read.title,
        read.body,
        sentenceIndexer(sentenceSpans(read.bodyText)),
        model.options,
        model.pairKey,
      );
      const rules = phraseEvidence(read.title, read.body);
      const fast = model.scoreTally(model.tally(occ), rules);
      const slow = model.scores(topicFeatures(read, model.options).vector);
      fast.forEach((x, i) => {
        expect(x).toBeCloseTo(slow[i]!, 9);
      });
    }
  });

  it('tallies an article the same whatever articles it tallied before', () => {
    const occOf = (a: { title: string; html?: string }) => {
      const read = readArticle({ title: a.title, text: a.html!.replace(/<[^>]+>/g, '\n\n') });
      return occurrences(
        read.title,
        read.body,
        sentenceIndexer(sentenceSpans(read.bodyText)),
        model.options,
        model.pairKey,
      );
    };
    const articles = readTrainingArticles(() => {}).slice(0, 6);
    const fresh = new TopicModel(shipped);
    const first = fresh.tally(occOf(articles[0]!));
    for (const a of articles.slice(1)) fresh.tally(occOf(a));
    const again = fresh.tally(occOf(articles[0]!));
    expect(again.knownRows).toEqual(first.knownRows);
    expect(again.knownCounts).toEqual(first.knownCounts);
    expect(again.length).toBe(first.length);
    expect([...again.rows]).toEqual([...first.rows]);
    expect(first.knownRows.length).toBeGreaterThan(10);
  });

  it('was trained on the labelled sets and phrase table as they are now (run npm run train when this fails)', () => {
    expect((shipped.trained as { data: string }).data).toBe(trainingFingerprint());
  });

  it('ships under 1 MB', () => {
    expect(JSON.stringify(modelJson).length).toBeLessThan(1_000_000);
  });
});

describe('the text the topic model reads', () => {
  const hearing = [
    'Hearing transcript, excerpt.',
    'CHAIRMAN ROE: The committee will come to order. We welcome the Deputy Secretary.',
    'SENATOR DOE: Under what statute were the boats struck?',
    'MR. POE: Article II, Senator.',
    "SENATOR DOE: Then I'll move a war powers resolution next week.",
    'CHAIRMAN ROE: We are adjourned.',
  ];

  it("keeps a hearing's short closing turns, where its topic often is", () => {
    const read = readArticle({ title: 'Hearing', text: hearing.join('\n\n') });
    expect(read.bodyText).toContain('war powers resolution');
    expect(read.bodyText.split('\n\n')).toHaveLength(6);
  });

  it("still leaves out reader comments after a transcript's last turn", () => {
    const text = [...hearing.slice(0, 4), 'Great piece, thanks!', 'lol these guys'].join('\n\n');
    const read = readArticle({ title: 'Hearing', text });
    expect(read.bodyText.split('\n\n')).toHaveLength(4);
    expect(read.bodyText).not.toContain('Great piece');
  });
});

describe('topics of an article', () => {
  const text = [
    'The Treasury Department imposed new sanctions on Monday on twelve shipping firms accused of moving Iranian oil.',
    'Officials said the designations freeze any assets the companies hold in the United States and bar Americans from dealing with them.',
    'The weather in Washington was mild.',
  ].join('\n\n');

  it('gives one to three known topics with probabilities, the main one first', () => {
    const { topics } = analyze({ title: 'US sanctions Iranian oil shippers', text });
    expect(topics.length).toBeGreaterThanOrEqual(1);
    expect(topics.length).toBeLessThanOrEqual(3);
    expect(topics[0]!.id).toBe('sanctions');
    for (const t of topics) {
      expect(TOPIC_IDS).toContain(t.id);
      expect(t.score).toBeGreaterThan(0);
      expect(t.score).toBeLessThanOrEqual(1);
    }
    expect(topics.map((t) => t.score)).toEqual([...topics.map((t) => t.score)].sort((a, b) => b - a));
  });

  it('keeps as evidence a body sentence that supports the topic, not one about something else', () => {
    const { topics } = analyze({ title: 'US sanctions Iranian oil shippers', text });
    // Which of the two sanctions sentences weighs more is the trained model's call.
    expect(topics[0]!.evidence).toMatch(
      /^(The Treasury Department imposed new sanctions|Officials said the designations)/,
    );
    expect(topics[0]!.evidence).not.toMatch(/weather/);
  });

  it('cuts a long evidence sentence at a word', () => {
    const long = `The sanctions ${'and more sanctions '.repeat(40)}were imposed.`;
    const t = classifyTopics(readArticle({ title: 'Sanctions', text: long }), model)[0]!;
    expect(t.evidence!.length).toBeLessThanOrEqual(EVIDENCE_MAX_CHARS);
    expect(t.evidence).toMatch(/sanctions…$/);
  });

  it('gives no topic to an empty article and no evidence without a body', () => {
    expect(analyze({ title: '', text: '' }).topics).toEqual([]);
    const [t] = analyze({ title: 'New sanctions on Iran', text: '' }).topics;
    expect(t?.evidence).toBeUndefined();
  });
});
