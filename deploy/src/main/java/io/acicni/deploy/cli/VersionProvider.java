package io.acicni.deploy.cli;

import io.acicni.deploy.manifest.Images;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the aci-dualstack version this command line was built as. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"aci-dualstack " + Images.projectVersion()};
    }
}
