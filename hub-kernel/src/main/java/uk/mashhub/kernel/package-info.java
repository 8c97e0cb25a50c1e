/**
 * The shared kernel: value types that every module speaks — typed identifiers such as {@link
 * uk.mashhub.kernel.AgencyId} and the one error vocabulary ({@link uk.mashhub.kernel.HubProblem},
 * {@link uk.mashhub.kernel.ProblemType}).
 *
 * <p>It owns no tables, no beans and no behaviour beyond validating its values. It must never
 * depend on another hub module, a database or the web: anything that does belongs in a feature
 * module.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package uk.mashhub.kernel;

import org.jspecify.annotations.NullMarked;
