package io.acicni.deploy.diagnose;

/** How a finding weighs: OK, INFO (context), UNKNOWN (could not be checked), PROBLEM. */
public enum Level {
    OK, INFO, UNKNOWN, PROBLEM
}
