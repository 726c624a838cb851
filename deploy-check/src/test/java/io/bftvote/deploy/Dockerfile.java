package io.bftvote.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
record Dockerfile(List<String> instructions) {
  static Dockerfile load() {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : RepoFiles.read("Dockerfile").lines().toList()) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
      if (!continues) {
        instructions.add(current.toString().strip().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    return new Dockerfile(instructions);
  }

  /** The arguments of every instruction with this keyword. */
  List<String> all(String keyword) {
    return instructions.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1))
        .toList();
  }

  String one(String keyword) {
    List<String> found = all(keyword);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + keyword + " in the Dockerfile, found " + found);
    }
    return found.get(0);
  }

  /** An exec-form instruction ({@code ["java", ...]}) as its words. */
  static List<String> execForm(String arguments) {
    JsonNode words = RepoFiles.parse(arguments.substring(arguments.indexOf('['))).get(0);
    List<String> list = new ArrayList<>();
    words.forEach(w -> list.add(w.asText()));
    return list;
  }

  /** The directories RUN creates with {@code mkdir -p}. */
  Set<String> mountPoints() {
    Set<String> directories = new LinkedHashSet<>();
    for (String run : all("RUN")) {
      for (String command : run.split("&&")) {
        List<String> words = List.of(command.trim().split(" "));
        if (words.size() > 2 && words.get(0).equals("mkdir") && words.get(1).equals("-p")) {
          directories.addAll(words.subList(2, words.size()));
        }
      }
    }
    return directories;
  }
}
