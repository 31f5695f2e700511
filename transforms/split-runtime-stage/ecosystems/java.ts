/** Java: a Maven or Gradle build whose `java -jar` runs on the eclipse-temurin JRE of the same Java version. */
import { posix } from 'node:path';
import type { SkipReason } from '../../../src/engine/types.js';
import { parseTag } from '../../../src/catalog/variants.js';
import { type Ecosystem, type PlanInput, type PlanResult, type RebaseInput, type RebaseResult } from '../ecosystem.js';
import { runNeedingOldImage, stageCopies, unreadableCopy } from '../final-stage.js';
import type { StageContextFacts } from '../../../src/context/facts.js';
import { appFiles, baseSwapEstimate, outermost, runtimeCandidate, skip } from '../plan-helpers.js';
import { commandsNamed } from '../stage-facts.js';

export function javaMajor(repo: string, tag: string | null): string | null {
  if (!tag) return null;
  if (repo === 'eclipse-temurin' || repo === 'openjdk') return /^(\d+)/.exec(tag)?.[1] ?? null;
  return /(?:temurin|openjdk|jdk|corretto|sapmachine|semeru)-?(\d+)/.exec(tag)?.[1] ?? null;
}

function planJava({ facts, ctx, argv, tag }: PlanInput): PlanResult {
  const builds = commandsNamed(facts, ['mvn', 'mvnw', 'gradle', 'gradlew']);
  if (!builds.length) return skip('uncertain', 'no Maven or Gradle build in this stage');
  if (posix.basename(argv[0]) !== 'java')
    return skip('needs-toolchain', `the container runs \`${argv[0]}\` rather than \`java -jar\``);
  const jarAt = argv.indexOf('-jar');
  const jar = jarAt === -1 ? undefined : argv[jarAt + 1];
  const repo = facts.stage.image!.official ?? '';
  const major = javaMajor(repo, tag);
  const skel = `Suggested shape: \`FROM ${facts.stage.image!.raw} AS build\` ..., then \`FROM eclipse-temurin:${major ?? '<v>'}-jre\`, \`COPY --from=build /app/target/app.jar /app/app.jar\`, \`CMD ["java", "-jar", "/app/app.jar"]\`.`;
  if (!jar || /[*?[]/.test(jar))
    return skip('uncertain', 'the start command does not name one jar file (`java -jar <path>`)', skel);
  const path = jar.startsWith('/') ? jar : facts.finalWorkdir ? posix.join(facts.finalWorkdir, jar) : null;
  if (!path) return skip('variable', 'the jar path depends on an unknown working directory', skel);
  if (!major) return skip('uncertain', `cannot tell the Java version of ${facts.stage.image!.raw}`, skel);
  const cand = runtimeCandidate(ctx, {
    kind: 'candidates',
    candidates: [{ repository: 'eclipse-temurin', tag: `${major}-jre`, kind: 'jre' }],
  });
  if (typeof cand === 'string') return skip('no-target', cand, skel);
  const files = appFiles(facts, (s) =>
    /(^|\/)(src|pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?|gradle|gradlew|mvnw|\.mvn)\/?$/.test(s),
  );
  if (files.unknown)
    return skip('variable', 'a COPY destination depends on a variable or an unknown working directory');
  const notes = [`the jar ${path} runs on ${cand.repository}:${cand.tag} (a JRE of the same Java version)`];
  const stageContext = ctx.buildContext?.find((x) => x.stage === facts.stage.index);
  const evidence = javaEvidence(stageContext, argv, files.uncertain);
  // Proven: the whole-folder copy holds only build inputs and docs, so nothing is left behind.
  const warnings =
    files.uncertain && !('proof' in evidence)
      ? [
          `the app folder (${files.whole.join(', ')}) is not copied: it holds the sources and the whole build output; copy what the jar reads from it at run time, if anything`,
        ]
      : [];
  files.paths = files.paths.filter((p) => !files.whole.includes(p));
  return {
    plan: {
      ...evidence,
      ecosystem: 'java',
      runtime: { repository: cand.repository, tag: cand.tag, shell: true, distroless: false },
      copies: outermost([path, ...files.paths]),
      builderEdits: [],
      builderInsert: null,
      builderAppend: [],
      runtimePrelude: [],
      ownPaths: ['/usr/share/maven-repo'],
      buildOnlyEnv: /^(MAVEN_[A-Z_]+|GRADLE_[A-Z_]+)$/,
      notes,
      warnings,
    },
  };
}

/** Dependencies that compile Java at run time (a JRE has no javac) or attach to the JVM (no jdk.attach in a JRE). */
const NEEDS_JDK: Record<string, string> = {
  'org.apache.tomcat.embed:tomcat-embed-jasper': 'Jasper compiles JSP pages at run time',
  'org.apache.tomcat:tomcat-jasper': 'Jasper compiles JSP pages at run time',
  'org.apache.tomcat:jasper': 'Jasper compiles JSP pages at run time',
  'org.eclipse.jetty:apache-jsp': 'Jetty compiles JSP pages at run time',
  'org.eclipse.jetty:jetty-jsp': 'Jetty compiles JSP pages at run time',
  'org.eclipse.jetty.ee10:jetty-ee10-apache-jsp': 'Jetty compiles JSP pages at run time',
  'org.glassfish.web:javax.servlet.jsp': 'compiles JSP pages at run time',
  'org.glassfish.web:jakarta.servlet.jsp': 'compiles JSP pages at run time',
  'net.openhft:compiler': 'compiles Java at run time through javax.tools',
  'org.mdkt.compiler:InMemoryJavaCompiler': 'compiles Java at run time through javax.tools',
  'org.jooq:joor': 'jOOR compiles Java at run time through javax.tools',
  'org.jooq:joor-java-8': 'jOOR compiles Java at run time through javax.tools',
  'com.sun:tools': "the JDK's tools.jar",
  'net.bytebuddy:byte-buddy-agent': 'attaches to the running JVM (jdk.attach, not in a JRE)',
};
/** Modules a JRE image leaves out, as `--add-modules` may name them. */
const JDK_MODULES =
  /^(jdk\.(compiler|attach|jdi|jshell|javadoc|jartool|jdeps|jlink|jpackage|jconsole|hotspot\.agent|jcmd|jstatd|editpad)|ALL-SYSTEM)$/;

/**
 * Whether the build context proves that the jar runs on a JRE: a pom.xml or build.gradle copied into the
 * stage, its main .java/.kt sources (all read) naming no package or tool only a JDK has, no source in a
 * language slimify does not read, no direct dependency known to compile Java or attach to the JVM at run
 * time (JSP, javax.tools compilers, byte-buddy-agent) and every Gradle dependency readable, no
 * `--add-modules` of a JDK module in the start command, and, when the whole folder is copied (and so
 * not carried to the runtime stage), nothing in it but build inputs and docs.
 */
function javaEvidence(
  stageContext: StageContextFacts | undefined,
  argv: string[],
  wholeCopy: boolean,
): { proof: string } | { unproven: SkipReason } {
  const unproven = (detail: string) => ({ unproven: { code: 'uncertain' as const, detail } });
  if (!stageContext)
    return unproven('no build context was read, so the sources and dependencies of the jar are unknown');
  const j = stageContext.java;
  if (!j) return unproven('no pom.xml or build.gradle is copied into the stage, so the project is not known');
  if (!j.jdkOnly) return unproven('the .java/.kt files of the build context could not all be read');
  if (j.jdkOnly.length)
    return unproven(
      `${j.jdkOnly[0].file} uses ${j.jdkOnly[0].refs[0]}, which only a JDK has (the JRE lacks the compiler and the JDK tools)`,
    );
  if (j.unscanned.length) return unproven(`${j.unscanned[0]} is a source slimify does not read (only .java and .kt)`);
  const risky = j.dependencies.find((d) => NEEDS_JDK[d] || /\$|\?/.test(d) || /jasper/i.test(d));
  if (risky)
    return unproven(
      NEEDS_JDK[risky]
        ? `the build depends on ${risky}: ${NEEDS_JDK[risky]}`
        : `the build depends on ${risky}, which slimify cannot judge`,
    );
  if (j.unreadDependencies.length)
    return unproven(
      `a Gradle dependency is declared as \`${j.unreadDependencies[0]}\`, which slimify does not resolve`,
    );
  const addModules = argv.flatMap((a, i) =>
    a === '--add-modules'
      ? (argv[i + 1] ?? '').split(',')
      : a.startsWith('--add-modules=')
        ? a.slice(14).split(',')
        : [],
  );
  const jdkModule = addModules.find((m) => JDK_MODULES.test(m));
  if (jdkModule) return unproven(`the start command adds the module ${jdkModule}, which the JRE does not have`);
  if (wholeCopy && j.files.length)
    return unproven(
      `the stage copies ${j.files[0]}${j.files.length > 1 ? ` and ${j.files.length - 1} more` : ''}, which the jar may read at run time, and the whole app folder is not carried to the runtime stage`,
    );
  return {
    proof: `${j.manifests.join(', ')}: no main .java/.kt source names a JDK-only package or tool (javax.tools, com.sun.tools, jdk.jshell, …), and no direct dependency compiles Java or attaches to the JVM at run time (JSP/Jasper, javax.tools compilers, byte-buddy-agent)${wholeCopy ? '; the copied folder holds only build inputs and docs' : ''}`,
  };
}

/**
 * A final stage on a Maven or Gradle image (JDK + build tool) that only runs `java -jar <jar>` copied
 * from another stage moves to `eclipse-temurin:<major>-jre` in place. Final eclipse-temurin JDK and
 * openjdk stages are the slim-base transform's (`switch-to-jre`, `replace-openjdk`).
 */
function rebaseJavaFinal({ doc, stage, facts, ctx, span }: RebaseInput): RebaseResult | null {
  const repo = stage.image!.official ?? '';
  if (repo !== 'maven' && repo !== 'gradle') return null;
  if (facts.commands.some((c) => /^(mvn|mvnw|gradle|gradlew)$/.test(posix.basename(c.name)))) return null;
  const argv = facts.argv;
  if (!argv || posix.basename(argv[0]) !== 'java') return null;
  const jarAt = argv.indexOf('-jar');
  const jar = jarAt === -1 ? undefined : argv[jarAt + 1];
  if (!jar) return null;
  const copies = stageCopies(doc, facts);
  if (copies === null) return unreadableCopy();
  const path = jar.startsWith('/')
    ? posix.normalize(jar)
    : facts.finalWorkdir
      ? posix.join(facts.finalWorkdir, jar)
      : null;
  const copy = path ? copies.find((c) => c.targets.some((t) => t.path === path)) : undefined;
  if (!copy) return null;
  const skip = (code: SkipReason['code'], detail: string): RebaseResult => ({ skip: { code, detail } });
  if (stage.image!.variables.length) return skip('variable', `the image ${stage.image!.raw} uses a variable`);
  // The JRE image has a shell and the coreutils/passwd tools; anything else may come from the old image.
  const odd = runNeedingOldImage(stage, facts);
  if (odd)
    return skip(
      'needs-toolchain',
      `the stage has a RUN (line ${doc.lines.lineAt(odd.span.start) + 1}) that may need the tools or the OS of ${stage.image!.raw}`,
    );
  if (stage.instructions.some((i) => i.keyword === 'HEALTHCHECK' && !/^\s*NONE\b/i.test(facts.logical(i)))) {
    return skip('uncertain', `the HEALTHCHECK may use a tool of ${stage.image!.raw} that the JRE image lacks`);
  }
  const u = facts.user ? facts.logical(facts.user) : null;
  const created = (name: string) =>
    facts.commands.some((c) => /^(useradd|groupadd)$/.test(c.name) && c.args.includes(name));
  if (u !== null && !/^(root|0|\d+)(:(root|0|\d+))?$/.test(u) && !u.split(':').every(created))
    return skip('uncertain', `the stage runs as ${u}, a user the JRE image may not have`);
  const major = javaMajor(repo, stage.image!.parsed!.tag);
  if (!major) return skip('uncertain', `cannot tell the Java version of ${stage.image!.raw}`);
  const tag = `${major}-jre`;
  const st = ctx.catalog.tagStatus('eclipse-temurin', tag);
  if (st !== 'current' && st !== 'past') return skip('no-target', `eclipse-temurin:${tag} is not in the catalog`);
  const ref = `eclipse-temurin:${tag}`;
  const estimate = baseSwapEstimate(
    ctx,
    { repository: repo, tag: stage.image!.parsed!.tag ?? 'latest' },
    { repository: 'eclipse-temurin', tag },
    { unknown: `the JDK and ${repo} are not shipped; the image sizes are not both in the catalog` },
  );
  return {
    finding: {
      code: 'split-java-final',
      message: `The final stage only runs \`java -jar ${path}\`, a jar copied from the build stage \`${copy.from.name ?? copy.from.index}\`, so it runs on ${ref} (a JRE of the same Java version) instead of ${stage.image!.raw} (JDK + ${repo}).`,
      span,
      lock: span,
      edits: [{ start: stage.image!.span.start, end: stage.image!.span.end, text: ref }],
      estimate,
      warnings: [
        ...(st === 'past' ? [`${ref} is no longer updated upstream`] : []),
        `${ref} is Ubuntu-based with a JRE only: javac, jar tools and ${repo} are gone; programs that compile at run time (JSP, some scripting engines) need the JDK`,
      ],
    },
  };
}

const java: Ecosystem = {
  id: 'java',
  owns: (repo, tag) =>
    repo === 'maven' ||
    repo === 'gradle' ||
    ((repo === 'eclipse-temurin' || repo === 'openjdk') && !parseTag(tag).words.includes('jre')),
  plan: planJava,
  rebaseFinal: rebaseJavaFinal,
};
export default java;
