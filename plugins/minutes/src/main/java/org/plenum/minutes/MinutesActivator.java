package org.plenum.minutes;

import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.plenum.api.Plugin;

/**
 * Registers the minutes plugin as an {@link Plugin} service when the bundle starts; the host's Felix source tracks
 * these services and starts the plugin. The registration ends when the bundle stops (update, removal).
 */
public final class MinutesActivator implements BundleActivator {

    private ServiceRegistration<Plugin> registration;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("plenum.plugin.id", MinutesPlugin.ID);
        registration = context.registerService(Plugin.class, new MinutesPlugin(), properties);
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
