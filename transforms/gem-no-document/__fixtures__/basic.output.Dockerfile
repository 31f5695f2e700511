FROM debian:bookworm
RUN apt-get update && apt-get install -y ruby-full
RUN gem install --no-document bundler -v 2.4.22 && gem install --no-document rake
RUN sudo gem install --no-document --user-install sass
