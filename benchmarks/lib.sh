# Shared by the benchmark scripts (sourced, not run).

# cli_binary WORKDIR: prints the path of the CLI to measure. FF_BINARY=path reuses an existing build; otherwise the
# CLI is published into WORKDIR/ff as the Native AOT binary that ships, or ReadyToRun with FF_PUBLISH=r2r.
cli_binary() {
  local repo work=$1
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  if [ -n "${FF_BINARY:-}" ]; then
    echo "$FF_BINARY"
    return
  fi
  if [ "${FF_PUBLISH:-aot}" = "r2r" ]; then
    echo "# publishing the CLI (Release, ReadyToRun)" >&2
    dotnet publish "$repo/src/FlightForensics.Cli" -c Release -r linux-x64 --self-contained false \
      -p:PublishReadyToRun=true -o "$work/ff" -nologo -v quiet >/dev/null
  else
    echo "# publishing the CLI (Release, Native AOT)" >&2
    dotnet publish "$repo/src/FlightForensics.Cli" -c Release -r linux-x64 -p:FlightForensicsNativeAot=true \
      -o "$work/ff" -nologo -v quiet >/dev/null
  fi
  echo "$work/ff/flightforensics"
}

# median: the median of the numbers on stdin, one per line ("nan" when there are none).
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }
