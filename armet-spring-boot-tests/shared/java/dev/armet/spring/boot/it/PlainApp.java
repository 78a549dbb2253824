package dev.armet.spring.boot.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The plain sample: Spring MVC, Thymeleaf, Actuator and the starter, no Spring Security (its
 * auto-configuration is excluded by {@link Samples#NO_SECURITY}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PageController.class)
public class PlainApp {}
