package io.acicni.apic.model;

import static io.acicni.apic.model.AttributeRule.address;
import static io.acicni.apic.model.AttributeRule.any;
import static io.acicni.apic.model.AttributeRule.listOf;
import static io.acicni.apic.model.AttributeRule.mac;
import static io.acicni.apic.model.AttributeRule.oneOf;
import static io.acicni.apic.model.AttributeRule.prefix;
import static io.acicni.apic.model.AttributeRule.unsigned;
import static io.acicni.apic.model.AttributeRule.yesNo;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The APIC classes this project reads and writes, with their rn formats (reference apic-rest.md
 * §3.3) and the attributes that matter. Classes used for dual-stack subnets are {@code strict}:
 * unknown attributes are errors. Classes that only appear in acc-provision's static objects are
 * lenient.
 */
public final class ApicClasses {

    private static final Map<String, ApicClassMeta> CLASSES = new ConcurrentHashMap<>();

    static {
        // Tree roots and containers.
        add(ApicClassMeta.builder("polUni", "uni"));
        add(ApicClassMeta.builder("infraInfra", "infra"));
        add(ApicClassMeta.builder("aaaUserEp", "userext"));
        add(ApicClassMeta.builder("topRoot", "topology"));
        add(ApicClassMeta.builder("fabricPod", "pod-{id}"));
        add(ApicClassMeta.builder("fabricNode", "node-{id}").attrs("role", "name"));
        add(ApicClassMeta.builder("firmwareCtrlrFwStatusCont", "ctrlrfwstatuscont"));
        add(ApicClassMeta.builder("topSystem", "sys").attrs("role", "name", "address", "lastRebootTime", "serial"));
        add(ApicClassMeta.builder("firmwareCtrlrRunning", "ctrlrrunning").attrs("version", "type"));

        // Tenant, VRF, bridge domains and subnets.
        add(ApicClassMeta.builder("fvTenant", "tn-{name}").strict());
        add(ApicClassMeta.builder("fvCtx", "ctx-{name}")
                .attr("pcEnfPref", oneOf("enforced", "enforced", "unenforced"))
                .attr("pcEnfDir", oneOf("ingress", "ingress", "egress")).strict());
        add(ApicClassMeta.builder("fvBD", "BD-{name}")
                .attr("arpFlood", yesNo("no"))
                .attr("ipLearning", yesNo("yes"))
                .attr("unicastRoute", yesNo("yes"))
                .attr("unkMacUcastAct", oneOf("proxy", "proxy", "flood"))
                .attr("unkMcastAct", oneOf("flood", "flood", "opt-flood"))
                .attr("limitIpLearnToSubnets", yesNo("yes"))
                .attr("serviceBdRoutingDisable", yesNo("no"))
                .attr("hostBasedRouting", yesNo("no"))
                .attr("ipv6McastAllow", yesNo("no"))
                .attr("mcastAllow", yesNo("no"))
                .attr("multiDstPktAct", oneOf("bd-flood", "bd-flood", "encap-flood", "drop"))
                .attr("epMoveDetectMode", listOf("", "garp"))
                .attr("type", oneOf("regular", "regular", "fc"))
                .attr("mac", any("00:22:BD:F8:19:FF"))
                .attr("llAddr", any("::"))
                .attrs("vmac", "optimizeWanBandwidth", "intersiteBumTrafficAllow", "intersiteL2Stretch", "epClear")
                .strict());
        add(ApicClassMeta.builder("fvRsCtx", "rsctx").attrs("tnFvCtxName", "tDn").notDeletable().strict());
        add(ApicClassMeta.builder("fvRsBDToOut", "rsBDToOut-{tnL3extOutName}").attrs("tDn").strict());
        add(ApicClassMeta.builder("fvSubnet", "subnet-[{ip}]")
                .attr("ip", prefix())
                .attr("scope", listOf("private", "private", "public", "shared"))
                .attr("ctrl", listOf("nd", "nd", "querier", "no-default-gateway", "unspecified"))
                .attr("preferred", yesNo("no"))
                .attr("virtual", yesNo("no"))
                .attr("ipDPLearning", oneOf("enabled", "enabled", "disabled"))
                .attrs("name")
                .strict());
        add(ApicClassMeta.builder("fvRsNdPfxPol", "rsNdPfxPol").attrs("tnNdPfxPolName", "tDn").strict());
        add(ApicClassMeta.builder("ndPfxPol", "ndPfxPol-{name}")
                .attr("ctrl", listOf("auto-cfg,on-link", "auto-cfg", "on-link", "router-address", "none"))
                .attr("lifetime", unsigned("2592000"))
                .attr("prefLifetime", unsigned("604800"))
                .strict());

        // L3Out and external EPG subnets.
        add(ApicClassMeta.builder("l3extOut", "out-{name}")
                .attrs("name", "enforceRtctrl", "targetDscp", "mplsEnabled").strict());
        add(ApicClassMeta.builder("l3extInstP", "instP-{name}")
                .attrs("prefGrMemb", "floodOnEncap", "matchT", "prio", "targetDscp", "exceptionTag", "pcEnfPref")
                .strict());
        add(ApicClassMeta.builder("l3extSubnet", "extsubnet-[{ip}]")
                .attr("ip", prefix())
                .attr("scope", listOf("import-security", "import-security", "shared-security", "import-rtctrl",
                        "export-rtctrl", "shared-rtctrl"))
                .attr("aggregate", listOf("", "export-rtctrl", "import-rtctrl", "shared-rtctrl"))
                .attrs("name")
                .strict());
        add(ApicClassMeta.builder("l3extRsEctx", "rsectx").attrs("tnFvCtxName", "tDn").notDeletable());

        // Service redirect (policy-based redirect to node service endpoints).
        add(ApicClassMeta.builder("vnsSvcCont", "svcCont").strict());
        add(ApicClassMeta.builder("vnsSvcRedirectPol", "svcRedirectPol-{name}")
                .attr("thresholdDownAction", oneOf("permit", "permit", "deny", "bypass"))
                .attr("resilientHashEnabled", yesNo("no"))
                .attr("thresholdEnable", yesNo("no"))
                .attr("programLocalPodOnly", yesNo("no"))
                .attr("srcMacRewriteEnabled", yesNo("no"))
                .attr("AnycastEnabled", yesNo("no"))
                .attrs("hashingAlgorithm", "maxThresholdPercent", "minThresholdPercent", "destType")
                .strict());
        add(ApicClassMeta.builder("vnsRedirectDest", "RedirectDest_ip-[{ip}]")
                .attr("ip", address())
                .attr("mac", mac())
                .attr("ip2", any("0.0.0.0"))
                .attrs("destName", "podId")
                .strict());
        add(ApicClassMeta.builder("vnsRsRedirectHealthGroup", "rsRedirectHealthGroup").attrs("tDn").strict());
        add(ApicClassMeta.builder("vnsRedirectHealthGroup", "redirectHealthGroup-{name}").strict());
        add(ApicClassMeta.builder("vnsRsIPSLAMonitoringPol", "rsIPSLAMonitoringPol").attrs("tDn").strict());
        add(ApicClassMeta.builder("fvIPSLAMonitoringPol", "ipslaMonitoringPol-{name}")
                .attrs("slaType", "slaPort", "slaFrequency", "slaDetectMultiplier"));

        // Ownership marks.
        add(ApicClassMeta.builder("tagAnnotation", "annotationKey-[{key}]").attrs("value").strict());
        add(ApicClassMeta.builder("tagInst", "tag-{name}").strict());

        // Users and certificates (signature-based login).
        add(ApicClassMeta.builder("aaaUser", "user-{name}").writeOnly("pwd")
                .attrs("accountStatus", "firstName", "lastName", "email", "phone", "expires", "expiration",
                        "pwdLifeTime", "clearPwdHistory", "certAttribute", "unixUserId"));
        add(ApicClassMeta.builder("aaaUserCert", "usercert-{name}").attrs("data", "fingerprint"));
        add(ApicClassMeta.builder("aaaUserDomain", "userdomain-{name}"));
        add(ApicClassMeta.builder("aaaUserRole", "role-{name}")
                .attr("privType", oneOf("readPriv", "readPriv", "writePriv")));

        // Application profiles, EPGs and contracts (acc-provision static objects).
        add(ApicClassMeta.builder("fvAp", "ap-{name}"));
        add(ApicClassMeta.builder("fvAEPg", "epg-{name}"));
        add(ApicClassMeta.builder("fvRsBd", "rsbd").attrs("tnFvBDName", "tDn").notDeletable());
        add(ApicClassMeta.builder("fvRsDomAtt", "rsdomAtt-[{tDn}]").attrs("encap"));
        add(ApicClassMeta.builder("fvRsCons", "rscons-{tnVzBrCPName}").attrs("prio", "tDn"));
        add(ApicClassMeta.builder("fvRsProv", "rsprov-{tnVzBrCPName}").attrs("matchT", "prio", "tDn"));
        add(ApicClassMeta.builder("vzFilter", "flt-{name}"));
        add(ApicClassMeta.builder("vzEntry", "e-{name}")
                .attrs("etherT", "prot", "dFromPort", "dToPort", "sFromPort", "sToPort", "stateful", "tcpRules"));
        add(ApicClassMeta.builder("vzBrCP", "brc-{name}").attrs("scope"));
        add(ApicClassMeta.builder("vzSubj", "subj-{name}").attrs("consMatchT", "provMatchT", "revFltPorts"));
        add(ApicClassMeta.builder("vzRsSubjFiltAtt", "rssubjFiltAtt-{tnVzFilterName}"));
        add(ApicClassMeta.builder("vzInTerm", "intmnl"));
        add(ApicClassMeta.builder("vzOutTerm", "outtmnl"));
        add(ApicClassMeta.builder("vzRsFiltAtt", "rsfiltAtt-{tnVzFilterName}"));

        // Access policies, domains, pools.
        add(ApicClassMeta.builder("fvnsVlanInstP", "vlanns-[{name}]-{allocMode}"));
        add(ApicClassMeta.builder("fvnsEncapBlk", "from-[{from}]-to-[{to}]").attrs("allocMode"));
        add(ApicClassMeta.builder("fvnsMcastAddrInstP", "maddrns-{name}"));
        add(ApicClassMeta.builder("fvnsMcastAddrBlk", "fromaddr-[{from}]-toaddr-[{to}]"));
        add(ApicClassMeta.builder("vmmProvP", "vmmp-{vendor}"));
        add(ApicClassMeta.builder("vmmDomP", "dom-{name}")
                .attrs("mode", "enfPref", "encapMode", "prefEncapMode", "mcastAddr"));
        add(ApicClassMeta.builder("vmmCtrlrP", "ctrlr-{name}").attrs("mode", "scope", "hostOrIp", "rootContName"));
        add(ApicClassMeta.builder("vmmRsDomMcastAddrNs", "rsdomMcastAddrNs").attrs("tDn"));
        add(ApicClassMeta.builder("physDomP", "phys-{name}"));
        add(ApicClassMeta.builder("infraRsVlanNs", "rsvlanNs").attrs("tDn"));
        add(ApicClassMeta.builder("infraAttEntityP", "attentp-{name}"));
        add(ApicClassMeta.builder("infraRsDomP", "rsdomP-[{tDn}]"));
        add(ApicClassMeta.builder("infraProvAcc", "provacc").attrs("name"));
        add(ApicClassMeta.builder("infraRsFuncToEpg", "rsfuncToEpg-[{tDn}]").attrs("encap", "mode"));
        add(ApicClassMeta.builder("dhcpInfraProvP", "infraprovp").attrs("mode"));
        add(ApicClassMeta.builder("infraGeneric", "gen-{name}").notDeletable());
        add(ApicClassMeta.builder("infraSetPol", "settings").attrs("opflexpAuthenticateClients", "opflexpUseSsl"));
    }

    private ApicClasses() {
    }

    private static void add(ApicClassMeta.Builder builder) {
        ApicClassMeta meta = builder.build();
        CLASSES.put(meta.name(), meta);
    }

    /**
     * Adds (or replaces) a class, for objects this table does not know yet. Known classes are what
     * the emulator accepts and what rn derivation and attribute defaults work for.
     */
    public static void register(ApicClassMeta meta) {
        CLASSES.put(meta.name(), meta);
    }

    /** The metadata of a class, or empty when the class is unknown to this project. */
    public static Optional<ApicClassMeta> find(String className) {
        return Optional.ofNullable(CLASSES.get(className));
    }

    /** True when the class is known. */
    public static boolean isKnown(String className) {
        return CLASSES.containsKey(className);
    }

    /** Every known class. */
    public static Collection<ApicClassMeta> all() {
        return Collections.unmodifiableCollection(CLASSES.values());
    }
}
