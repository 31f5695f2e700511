FROM ruby:3.3-slim AS sudo-later-run
ENV RAILS_ENV=production
RUN bundle install
RUN sudo -u app bundle exec rake assets:precompile

FROM ruby:3.3-slim AS su-login-same-run
ENV RAILS_ENV=production
RUN bundle install && su - app -c 'bundle exec rake assets:precompile'

FROM ruby:3.3-slim AS sudo-cmd
ENV RAILS_ENV=production
RUN bundle install
CMD ["sudo", "-u", "app", "bundle", "exec", "puma"]

FROM ruby:3.3-slim AS runuser-entrypoint
ENV RAILS_ENV=production
RUN bundle install
ENTRYPOINT ["runuser", "-l", "app", "-c"]
CMD ["bundle exec puma"]

FROM ruby:3.3-slim AS env-i
ENV RAILS_ENV=production
RUN bundle install
CMD env -i PATH=/usr/local/bin:/usr/bin bin/rails runner Jobs.run

FROM ruby:3.3-slim AS sudo-install
ENV RAILS_ENV=production
RUN sudo -u app bundle install

FROM ruby:3.3-slim AS parent
ENV RAILS_ENV=production
RUN bundle install

FROM parent
CMD sudo -u app -H sh -c 'exec bundle exec sidekiq'

FROM ruby:3.3-slim AS sudo-login
ENV RAILS_ENV=production
RUN bundle install
CMD ["sudo", "-E", "-i", "-u", "app", "puma"]

FROM ruby:3.3-slim AS doas
ENV RAILS_ENV=production
RUN bundle install
CMD doas -u app rake jobs:work

FROM ruby:3.3-slim AS sudo-unread
ENV RAILS_ENV=production
RUN bundle install
CMD ["sudo", "-Eu", "app", "--chroot=/", "bundle", "exec", "puma"]

FROM ruby:3.3-slim AS sudo-entrypoint-shell-cmd
ENV RAILS_ENV=production
RUN bundle install
ENTRYPOINT ["sudo", "-u", "app"]
CMD bundle exec puma
