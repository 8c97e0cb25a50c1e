/**
 * What every web page shares: the layout's model (who is signed in, what they may open), the
 * sign-in and error pages, the home page and the GOV.UK Frontend assets. The pages themselves live
 * beside the API of their feature ({@code referral}, {@code agreement}, {@code audit} …) and are
 * marked {@link uk.mashhub.api.web.PageController}.
 */
@NullMarked
package uk.mashhub.api.web;

import org.jspecify.annotations.NullMarked;
