FROM debian:bookworm
RUN apt-get update && apt-get install -y ruby-full
RUN gem install bundler -v 2.4.22 && gem install rake
RUN sudo gem install --user-install sass
