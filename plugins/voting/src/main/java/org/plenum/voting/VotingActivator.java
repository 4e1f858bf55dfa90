package org.plenum.voting;

import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.plenum.api.Plugin;

/** Registers the voting plugin as a {@link Plugin} service while the bundle runs; the host's Felix source starts it. */
public final class VotingActivator implements BundleActivator {

    private ServiceRegistration<Plugin> registration;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("plenum.plugin.id", VotingPlugin.ID);
        registration = context.registerService(Plugin.class, new VotingPlugin(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdrew it already
            }
            registration = null;
        }
    }
}
