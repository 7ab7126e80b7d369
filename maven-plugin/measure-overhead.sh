#!/usr/bin/env bash
# Measures what one keyvet:lint execution adds to an otherwise empty `mvn validate`.
#
# A throw-away project holds the ten example policies and their keyvet.yaml. The same
# `mvn -o -q validate` runs alternately without and with the profile that binds keyvet:lint
# to validate, RUNS times each; the medians of the wall-clock times are printed, and the
# median of the differences within each back-to-back pair, which other load disturbs least.
#
# Needs the plugin in target/it-repo, where the build's invoker:install puts it:
#   mvn -B -pl maven-plugin -am verify        (from the repository root)
# Usage: maven-plugin/measure-overhead.sh [RUNS]   (default 7)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${1:-7}"
repo="$here/target/it-repo"
version="$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$here/pom.xml" | head -1)"
if [ ! -f "$repo/dev/keyvet/keyvet-maven-plugin/$version/keyvet-maven-plugin-$version.jar" ]; then
  echo "measure-overhead: build first: mvn -B -pl maven-plugin -am verify" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$here/../policies-examples/src" "$here/../policies-examples/keyvet.yaml" "$work/"
cat > "$work/settings.xml" <<EOF
<settings>
  <mirrors>
    <mirror><id>build-local-repository</id><mirrorOf>*</mirrorOf><url>file://$HOME/.m2/repository</url></mirror>
  </mirrors>
</settings>
EOF
cat > "$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>measure</groupId>
  <artifactId>measure</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <profiles>
    <profile>
      <id>lint</id>
      <build>
        <plugins>
          <plugin>
            <groupId>dev.keyvet</groupId>
            <artifactId>keyvet-maven-plugin</artifactId>
            <version>$version</version>
            <executions>
              <execution>
                <phase>validate</phase>
                <goals><goal>lint</goal></goals>
              </execution>
            </executions>
          </plugin>
        </plugins>
      </build>
    </profile>
  </profiles>
</project>
EOF

# Runs `mvn validate` once; prints its wall-clock milliseconds.
mvn_validate() {
  local t0 t1
  t0=$(date +%s%N)
  if ! (cd "$work" && mvn -B -o -q -s settings.xml -Dmaven.repo.local="$repo" \
    -Daether.offline.protocols=file validate "$@" > "$work/out.log" 2>&1); then
    cat "$work/out.log" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# One untimed run of each, so that both start from warm file caches.
mvn_validate > /dev/null
mvn_validate -Plint > /dev/null
plain=(); lint=()
for _ in $(seq "$runs"); do
  plain+=("$(mvn_validate)")
  lint+=("$(mvn_validate -Plint)")
done
p=$(printf '%s\n' "${plain[@]}" | median)
l=$(printf '%s\n' "${lint[@]}" | median)
# Each pair ran back to back, so its difference is the least disturbed by other load.
d=$(for i in "${!plain[@]}"; do echo $(( lint[i] - plain[i] )); done | median)
echo "policies: $(find "$work/src" -name '*.json' | wc -l), runs: $runs of each, alternating"
echo "validate      (ms): ${plain[*]}"
echo "validate+lint (ms): ${lint[*]}"
echo "median: validate $p ms, validate+lint $l ms, difference of the medians $((l - p)) ms"
echo "median of the pairwise differences (added by keyvet:lint): $d ms"
