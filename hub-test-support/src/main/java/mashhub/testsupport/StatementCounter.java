package mashhub.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements an application context prepares, so a test can prove that a batch
 * costs a fixed number of database round trips whatever its size. Register it as a bean; it wraps
 * every {@link DataSource}.
 */
public final class StatementCounter implements BeanPostProcessor {

    private final AtomicLong statements = new AtomicLong();
    private final ThreadLocal<long[]> onThisThread = new ThreadLocal<>();

    public long count() {
        return statements.get();
    }

    /**
     * Runs {@code work} and answers how many statements it prepared — on this thread only, so that
     * background work sharing the data source (the audit relay) does not count.
     */
    public long countDuring(Runnable work) {
        long[] counted = {0};
        onThisThread.set(counted);
        try {
            work.run();
        } finally {
            onThisThread.remove();
        }
        return counted[0];
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, dataSource, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection connection ? counted(connection) : result;
            });
        }
        return bean;
    }

    private Connection counted(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                statements.incrementAndGet();
                long[] counted = onThisThread.get();
                if (counted != null) {
                    counted[0]++;
                }
            }
            return invoke(target, method, args);
        });
    }

    private interface Call {
        Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> call.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
