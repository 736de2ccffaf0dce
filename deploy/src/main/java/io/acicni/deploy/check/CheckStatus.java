package io.acicni.deploy.check;

/** Verdict of one check: PASS, FAIL, or SKIP when it could not run (nothing to check, access not configured). */
public enum CheckStatus {
    PASS, FAIL, SKIP
}
