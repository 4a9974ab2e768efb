package io.flowdesk.app.security;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.util.Optional;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Signs people in from the {@link Directory}: their roles become authorities {@code ROLE_<role>}.
 * An unknown and a disabled person look the same, so a refusal never tells which it was. Hashes in
 * an older format are replaced at the next successful sign-in.
 */
final class DirectoryUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

  private final Directory directory;

  DirectoryUserDetailsService(final Directory directory) {
    this.directory = directory;
  }

  @Override
  public UserDetails loadUserByUsername(final String username) {
    final Optional<Person> person = directory.person(username).filter(Person::enabled);
    final Optional<String> hash = person.flatMap(p -> directory.passwordHash(p.username()));
    if (person.isEmpty() || hash.isEmpty()) {
      throw new UsernameNotFoundException("no enabled person with a password by that username");
    }
    return User.withUsername(person.get().username())
        .password(hash.get())
        .authorities(
            person.get().roles().stream()
                .map(role -> Roles.authority(role))
                .toList()
                .toArray(String[]::new))
        .build();
  }

  @Override
  public UserDetails updatePassword(final UserDetails user, final String newPassword) {
    directory.changePasswordHash(user.getUsername(), newPassword);
    return User.withUserDetails(user).password(newPassword).build();
  }
}
