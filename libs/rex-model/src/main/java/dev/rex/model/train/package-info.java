/**
 * Training REX ({@code model/main.py}, {@code model/main_transfer.py}, {@code model/util/dataloader.py},
 * {@code model/model/loss.py}, {@code model/create_subset.py}, {@code model/generate_dictionary.py}).
 *
 * <p>Entry point: {@link dev.rex.model.train.Trainer#run} with a {@link dev.rex.model.train.TrainingConfig} (the flags
 * of {@code rex train}), a {@link dev.rex.model.train.TrainingListener} (progress: steps with losses, samples/s and
 * ETA; epochs with validation metrics; checkpoints) and a cancel flag polled before every step — what a service needs
 * to start, follow and cancel a run (run it on its own thread; a cancelled run throws
 * {@link dev.rex.model.train.TrainingCancelledException} and can be resumed).
 *
 * <p>Faithful to the original: data filters and targets ({@link dev.rex.model.train.SampleSet},
 * {@link dev.rex.model.train.TargetSequence}, {@link dev.rex.model.train.BatchAssembler}), the three losses
 * ({@link dev.rex.model.train.RexLosses}), Adam with PyTorch's semantics, global-norm clipping 0.1, the schedule
 * {@code lr0·0.25^floor((epoch+1)/8)} (12 for VQA transfer), batch 128 with the last partial batch skipped, 8 epochs,
 * teacher forcing, greedy validation, best checkpoint per mode ({@link dev.rex.model.train.TrainMode}), transfer
 * subsets per question type ({@link dev.rex.model.train.TransferSubset}).
 *
 * <p>Deliberate differences, each for a reason:
 * <ul>
 *   <li>seeded and resumable: shuffles and dropout of epoch e depend on (seed, e); the subset draw is seeded (the
 *       original uses numpy's unseeded generator);</li>
 *   <li>questions whose explanation has a word outside exp2idx, or whose image has no features, are skipped and
 *       counted (the original raises KeyError / fails to open the file); every question without an explanation
 *       gets the end-only target in every mode (main_transfer.py's loader would raise KeyError);</li>
 *   <li>the first validated epoch always becomes {@code best/} (the original needs a score above 0);</li>
 *   <li>validation reports BLEU-4 and CIDEr (rex-metrics, REX's empty-prediction scaling) and a token accuracy;
 *       METEOR, SPICE, grounding and attribute recall are left to the evaluation verbs (too slow per epoch);</li>
 *   <li>a step whose gradient norm is not finite is skipped and logged ({@code skipped_step}): DJL's
 *       {@code div(Number)} frees the scalar that autograd saved, and the backward then reads freed memory at
 *       random.</li>
 * </ul>
 *
 * <p>GPU: build with {@code -Drex.cuda} (root pom profile {@code cuda}): DJL 0.33.0 with
 * {@code pytorch-native-cu124} 2.5.1, the newest CUDA libtorch on the Maven mirror ({@code pytorch-native-cu128}
 * for libtorch 2.7.1 is not served); DJL then runs on the GPU without code changes. Not exercised here (no GPU).
 * On a small shared CPU, {@code --threads 1} ({@link dev.rex.model.train.TorchThreads}) is often much faster.
 */
package dev.rex.model.train;
