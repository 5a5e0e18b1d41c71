#!/usr/bin/env bash
# Builds the Bitfold accelerator for AWS F1 (Xilinx VU9P, shell xilinx_aws-vu9p-f1) and
# registers it as an Amazon FPGA Image. NOT RUNNABLE on the development machines of this
# project: it needs Vitis (v++), the aws-fpga kit, an AWS account and an S3 bucket. Every step
# is documented in hls/f1/README.md.
#
# usage: hls/f1/build.sh GEN_DIR [OUT_DIR]
#   GEN_DIR  holds bitfold_config.h and bitfold_params.h, written by
#            bitfold-cli simulate ... --emit GEN_DIR  (the very headers the C simulation checked)
#   OUT_DIR  build products (default: build-f1)
# environment:
#   AWS_PLATFORM      set by aws-fpga's vitis_setup.sh (the xilinx_aws-vu9p-f1 .xpfm)
#   AWS_FPGA_REPO_DIR the aws-fpga checkout (create_vitis_afi.sh)
#   S3_BUCKET, S3_DCP_KEY, S3_LOGS_KEY   where create_vitis_afi.sh uploads the design
#   TARGET            hw (default), hw_emu or sw_emu
#   CLOCK_MHZ         kernel clock (default 250)
#   COMPUTE_UNITS     copies of bitfold_top on the device, 1..4 (default 1); unit i's two
#                     AXI masters go to DDR bank i-1 (F1's VU9P has four DDR4 channels)
#   SKIP_AFI=1        stop after the xclbin
set -euo pipefail

GEN=${1:?usage: hls/f1/build.sh GEN_DIR [OUT_DIR]}
OUT=${2:-build-f1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${TARGET:-hw}
CLOCK_MHZ=${CLOCK_MHZ:-250}
COMPUTE_UNITS=${COMPUTE_UNITS:-1}
[[ "$COMPUTE_UNITS" =~ ^[1-4]$ ]] || { echo "COMPUTE_UNITS must be 1..4 (one DDR bank each), not $COMPUTE_UNITS" >&2; exit 1; }

: "${AWS_PLATFORM:?source aws-fpga/vitis_setup.sh first (it sets AWS_PLATFORM)}"
command -v v++ >/dev/null || { echo "v++ not found: source Vitis's settings64.sh" >&2; exit 1; }
for f in bitfold_config.h bitfold_params.h; do
  [[ -f "$GEN/$f" ]] || { echo "$GEN/$f missing: run bitfold-cli simulate ... --emit $GEN" >&2; exit 1; }
done
mkdir -p "$OUT"

# 1. HLS: C++ to an RTL kernel object. BITFOLD_PARAMS_INLINE puts the weight ROMs into the
#    top's translation unit; the kernels need C++17 (if constexpr).
v++ -c -t "$TARGET" --platform "$AWS_PLATFORM" -k bitfold_top \
    -I"$GEN" -I"$ROOT/hls/kernels" -I"$ROOT/hls/top" -I"$ROOT/engine/include" \
    -DBITFOLD_PARAMS_INLINE \
    --hls.clock "${CLOCK_MHZ}000000:bitfold_top" \
    --advanced.prop "kernel.bitfold_top.kernel_flags=-std=c++17" \
    --save-temps --temp_dir "$OUT/tmp_compile" --log_dir "$OUT/logs" --report_dir "$OUT/reports" \
    -o "$OUT/bitfold_top.xo" "$ROOT/hls/top/bitfold_top.cpp"

# 2. Link: place COMPUTE_UNITS copies of the kernel in the F1 shell, each with its images and
#    results ports on a DDR bank of its own, and implement. bitfold-f1-host finds the copies in
#    the xclbin and splits each batch across them.
CONNECTIVITY=(--connectivity.nk "bitfold_top:$COMPUTE_UNITS")
for ((i = 1; i <= COMPUTE_UNITS; ++i)); do
  CONNECTIVITY+=(--connectivity.sp "bitfold_top_$i.images:DDR[$((i - 1))]"
                 --connectivity.sp "bitfold_top_$i.results:DDR[$((i - 1))]")
done
v++ -l -t "$TARGET" --platform "$AWS_PLATFORM" \
    --kernel_frequency "$CLOCK_MHZ" \
    "${CONNECTIVITY[@]}" \
    --save-temps --temp_dir "$OUT/tmp_link" --log_dir "$OUT/logs" --report_dir "$OUT/reports" \
    -o "$OUT/bitfold.xclbin" "$OUT/bitfold_top.xo"

[[ "$TARGET" == hw && -z "${SKIP_AFI:-}" ]] || { echo "built $OUT/bitfold.xclbin"; exit 0; }

# 3. Amazon FPGA Image: uploads the design checkpoint to S3 and starts AFI generation;
#    writes bitfold.awsxclbin and *_afi_id.txt.
: "${AWS_FPGA_REPO_DIR:?source aws-fpga/vitis_setup.sh first}"
: "${S3_BUCKET:?set S3_BUCKET}" "${S3_DCP_KEY:?set S3_DCP_KEY}" "${S3_LOGS_KEY:?set S3_LOGS_KEY}"
(cd "$OUT" && "$AWS_FPGA_REPO_DIR/Vitis/tools/create_vitis_afi.sh" -xclbin=bitfold.xclbin -o=bitfold \
    -s3_bucket="$S3_BUCKET" -s3_dcp_key="$S3_DCP_KEY" -s3_logs_key="$S3_LOGS_KEY")
AFI=$(grep -o '"FpgaImageId": "[^"]*"' "$OUT"/*_afi_id.txt | cut -d'"' -f4)
echo "AFI $AFI requested; wait until it is available:"
echo "  aws ec2 describe-fpga-images --fpga-image-ids $AFI   (State: available)"
echo "then on the F1 instance: bitfold-f1-host --xclbin $OUT/bitfold.awsxclbin --params PACKAGE_DIR"
