#!/bin/bash
# A sharded study as a Slurm job array: task i runs shard i of N.
# Submit both steps (the merge waits for every shard to succeed):
#   jid=$(sbatch --parsable deploy/slurm/study-array.sh scenarios/nato-article5.yaml 10000000 1)
#   sbatch --dependency=afterok:$jid deploy/slurm/study-merge.sh scenarios/nato-article5.yaml
# Keep --array=0-(N-1) and SHARDS in step. `guarantor` must be on PATH on the nodes
# and results/ on a file system they share.
#SBATCH --job-name=guarantor-shard
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=1G
#SBATCH --time=04:00:00
#SBATCH --output=results/shard-%a.log
set -euo pipefail
SCENARIO=${1:?scenario file}
RUNS=${2:-10000000}
SEED=${3:-1}
SHARDS=${SHARDS:-8}
mkdir -p results
guarantor study "$SCENARIO" --runs "$RUNS" --seed "$SEED" --threads "${SLURM_CPUS_PER_TASK:-4}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --format json --quiet --output "results/shard-${SLURM_ARRAY_TASK_ID}.json"
